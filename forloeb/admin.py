"""The admin shows the roster (mentors, providers), read-only, and no case records.

The administrator configures; citizens, courses, grants, agreements, meetings, status
reports, follow-ups and ends are case content, read on the case screens by the roles the
law gives them (with the access log), never in the admin — not by a superuser either.
Non-superusers see their own organisation's rows only.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import OrganisationScopedMixin

from .models import Leverandoer, Mentor


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
