from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Advarsel,
    Regelindstillinger,
    Scandel,
    Scankoersel,
    Stikproeve,
    StikproeveSag,
    UgeSnapshot,
)


@admin.register(Regelindstillinger)
class RegelindstillingerAdmin(SimpleHistoryAdmin):
    """One row of thresholds; changed here without a deploy, never deleted."""

    def has_add_permission(self, request):
        return not Regelindstillinger.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Advarsel)
class AdvarselAdmin(SimpleHistoryAdmin):
    """Flags are read-only here: they open and close with their condition, never deleted."""

    list_display = ["regel", "forloeb", "ansvarlig", "siden", "foerst_set", "lukket"]
    list_filter = ["regel", "lukket"]
    list_select_related = ["forloeb", "ansvarlig"]
    readonly_fields = [
        "regel",
        "forloeb",
        "ansvarlig",
        "siden",
        "foerst_set",
        "sidst_set",
        "lukket",
        "varslet",
        "accept_begrundelse",
        "accepteret_af",
        "accepteret",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

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


class StikproeveSagInline(admin.TabularInline):
    model = StikproeveSag
    extra = 0
    can_delete = False
    readonly_fields = ["forloeb", "systemfund", "vurderet_af", "vurderet"]


@admin.register(Stikproeve)
class StikproeveAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "team", "antal", "oprettet_af", "oprettet", "afsluttet"]
    inlines = [StikproeveSagInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScandelInline(admin.TabularInline):
    model = Scandel
    extra = 0
    can_delete = False
    readonly_fields = ["organisation", "faerdig", "oprettet", "lukket"]

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
