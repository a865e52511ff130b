from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Regelindstillinger, Scandel, Scankoersel, Stikproeve, UgeSnapshot

# Flags (Advarsel) and the cases in a sample are case content (which course breaks which
# rule, the caseworker's reasons): read on the compliance screens, not in the admin.


@admin.register(Regelindstillinger)
class RegelindstillingerAdmin(SimpleHistoryAdmin):
    """One row of thresholds; changed here without a deploy, never deleted."""

    def has_add_permission(self, request):
        return not Regelindstillinger.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UgeSnapshot)
class UgeSnapshotAdmin(admin.ModelAdmin):
    list_display = ["team", "uge_start", "aktive", "timer_bevilget", "timer_leveret"]
    list_filter = ["team"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Stikproeve)
class StikproeveAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "team", "antal", "oprettet_af", "oprettet", "afsluttet"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScandelInline(admin.TabularInline):
    model = Scandel
    extra = 0
    can_delete = False
    readonly_fields = ["nummer", "organisationer", "aktive", "faerdig", "oprettet", "lukket"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scankoersel)
class ScankoerselAdmin(admin.ModelAdmin):
    """The nightly scans and their parts, for operations: read-only."""

    list_display = ["tidspunkt", "dele", "faerdige", "oprettet", "lukket", "afsluttet"]
    readonly_fields = [
        "tidspunkt",
        "startet",
        "dele",
        "faerdige",
        "oprettet",
        "lukket",
        "afsluttet",
    ]
    inlines = [ScandelInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
