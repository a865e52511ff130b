"""Read-only views of prices and settlements for the administrator: every write goes
through oekonomi.services (periods never edited, settlements locked)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import OrganisationScopedMixin

from .models import Afregning, InternTimesats, Kontrakt


class _Laest:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Kontrakt)
class KontraktAdmin(_Laest, OrganisationScopedMixin, SimpleHistoryAdmin):
    organisation_path = "leverandoer__organisation"
    list_display = ["leverandoer", "start", "slut", "timepris", "reference"]
    list_select_related = ["leverandoer"]


@admin.register(InternTimesats)
class InternTimesatsAdmin(_Laest, OrganisationScopedMixin, SimpleHistoryAdmin):
    list_display = ["mentortype", "start", "slut", "timepris"]
    list_filter = ["mentortype"]


@admin.register(Afregning)
class AfregningAdmin(_Laest, OrganisationScopedMixin, admin.ModelAdmin):
    list_display = ["maaned", "leverandoer", "team", "beloeb", "korrektioner", "godkendt"]
    list_select_related = ["leverandoer", "team"]
    date_hierarchy = "maaned"
