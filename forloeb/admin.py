"""The admin: configuration (mentors) is editable; case records and the access log are not.

Case records change only through forloeb.services, which enforces the legal rules, so the
admin shows them read-only with their django-simple-history timeline. Non-superusers see
their own organisation's rows only, and only with Django's model permissions (an
administrator without a case role gets no case content). Opening a citizen here is
logged like opening the citizen page. The access log cannot be added to, changed or
deleted by anyone, superusers included.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.adgang import Handling, log_adgang
from core.admin import OrganisationScopedMixin
from core.http import client_ip, login_metode

from .models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
    Leverandoer,
    Mentor,
    Mentoraftale,
    Mentortilknytning,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
    Timeaendring,
)


class ReadOnlyCaseAdmin(OrganisationScopedMixin, SimpleHistoryAdmin):
    """A case record: viewable with history, never written through the admin."""

    organisation_path = "forloeb__organisation"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Borger)
class BorgerAdmin(ReadOnlyCaseAdmin):
    organisation_path = "organisation"
    list_display = ["navn", "cpr_maskeret", "ydelsesgruppe", "pseudonymiseret"]
    list_filter = ["ydelsesgruppe", "pseudonymiseret"]
    search_fields = ["navn"]
    exclude = ["cpr_krypteret", "cpr_hash"]
    readonly_fields = ["cpr_maskeret"]

    @admin.display(description=_("CPR-nummer"))
    def cpr_maskeret(self, obj):
        return obj.cpr_maskeret

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        borger = context.get("original")
        if response.status_code == 200 and borger is not None:
            log_adgang(
                user=request.user,
                handling=Handling.VIS_BORGER,
                borger=borger,
                ip=client_ip(request),
                beskrivelse="admin",
                login_metode=login_metode(request),
            )
        return response


@admin.register(Mentor)
class MentorAdmin(OrganisationScopedMixin, SimpleHistoryAdmin):
    """Read-only: the roster is kept in the coordinator's screens, through
    forloeb.services (capacity, login role), which an admin form would bypass."""

    list_display = ["navn", "type", "arbejdsgiver", "leverandoer", "kapacitet", "aktiv"]
    list_filter = ["type", "aktiv"]
    list_select_related = ["leverandoer"]
    search_fields = ["navn", "arbejdsgiver"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Mentors are referenced by history; deactivate instead.
        return False


@admin.register(Leverandoer)
class LeverandoerAdmin(OrganisationScopedMixin, SimpleHistoryAdmin):
    """Read-only: providers are kept on the finance screens (oekonomi.services)."""

    list_display = ["navn", "cvr", "kontaktperson", "aktiv"]
    list_filter = ["aktiv"]
    search_fields = ["navn", "cvr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Forloeb)
class ForloebAdmin(ReadOnlyCaseAdmin):
    organisation_path = "organisation"
    list_display = ["__str__", "team", "status", "sagsbehandler", "mentor", "oprettet"]
    list_filter = ["status", "team"]
    list_select_related = ["team", "sagsbehandler", "mentor"]


@admin.register(Mentortilknytning)
class MentortilknytningAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "mentor", "fra", "til"]
    list_select_related = ["forloeb", "mentor"]


@admin.register(Bevilling)
class BevillingAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "start", "slut", "timer_pr_uge", "besluttet"]
    list_select_related = ["forloeb"]


@admin.register(Timeaendring)
class TimeaendringAdmin(ReadOnlyCaseAdmin):
    organisation_path = "bevilling__forloeb__organisation"
    list_display = ["bevilling", "gaelder_fra", "timer_pr_uge"]
    list_select_related = ["bevilling"]


@admin.register(Mentoraftale)
class MentoraftaleAdmin(ReadOnlyCaseAdmin):
    organisation_path = "bevilling__forloeb__organisation"
    list_display = ["__str__", "start", "slut", "udleveret", "udleveringsmaade"]
    list_select_related = ["bevilling"]


@admin.register(Moede)
class MoedeAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "type", "dato"]
    list_filter = ["type"]
    list_select_related = ["forloeb"]


@admin.register(Arbejdspunkt)
class ArbejdspunktAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "status", "oprettet"]
    list_select_related = ["forloeb"]


@admin.register(Statusrapport)
class StatusrapportAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "mentor", "dato"]
    list_select_related = ["forloeb", "mentor"]


@admin.register(Opfoelgning)
class OpfoelgningAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "dato", "leveret", "kontakt_som_bevilget"]
    list_select_related = ["forloeb"]


@admin.register(Afslutning)
class AfslutningAdmin(ReadOnlyCaseAdmin):
    list_display = ["forloeb", "dato", "aarsag", "borger_vurdering", "mentor_vurdering"]
    list_select_related = ["forloeb"]


class ReadOnlyNoHistoryAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    organisation_path = "forloeb__organisation"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Progressionsvurdering)
class ProgressionsvurderingAdmin(ReadOnlyNoHistoryAdmin):
    organisation_path = "arbejdspunkt__forloeb__organisation"
    list_display = ["arbejdspunkt", "dato", "vurderet_af", "score"]
    list_select_related = ["arbejdspunkt"]


@admin.register(Resultat)
class ResultatAdmin(ReadOnlyNoHistoryAdmin):
    list_display = ["forloeb", "maaned", "resultat"]
    list_select_related = ["forloeb"]
