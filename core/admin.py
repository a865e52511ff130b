"""The access log in the admin: append-only, readable by the organisation's administrators.
(The admin site itself is core.adminsite.LoggetAdminSite.)"""

from django.contrib import admin

from .models import Adgangslog


class OrganisationScopedMixin:
    """Non-superusers see only their own organisation's rows."""

    organisation_path = "organisation"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.organisation_path: request.user.organisation_id})


@admin.register(Adgangslog)
class AdgangslogAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    """Append-only: nobody may add, change or delete a row, superusers included."""

    organisation_path = "bruger__organisation"
    list_display = [
        "tidspunkt",
        "bruger",
        "handling",
        "borger_id",
        "forloeb_id",
        "ip",
        "login_metode",
    ]
    list_filter = ["handling"]
    list_select_related = ["bruger"]
    date_hierarchy = "tidspunkt"
    # Only ids: the log is for the administrator, who sees no case content.
    fields = [
        "tidspunkt",
        "bruger",
        "handling",
        "borger_id",
        "forloeb_id",
        "beskrivelse",
        "ip",
        "login_metode",
    ]
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
