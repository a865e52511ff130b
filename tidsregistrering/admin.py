"""Read-mostly admin: registrations are written by the mentor through services.registrer_uge,
approved and reopened by the caseworker; the admin shows them and their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Kontakt, Ugeregistrering


class KontaktInline(admin.TabularInline):
    model = Kontakt
    extra = 0
    can_delete = False
    fields = ["dato", "minutter", "form", "emner"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ugeregistrering)
class UgeregistreringAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "forloeb",
        "mentor",
        "minutter_i_alt",
        "ingen_kontakt_aarsag",
        "registreret",
        "godkendt",
    ]
    list_filter = ["ingen_kontakt_aarsag", ("godkendt", admin.EmptyFieldListFilter), "aar"]
    list_select_related = ["forloeb", "mentor"]
    date_hierarchy = "uge_start"
    search_fields = ["forloeb__id", "mentor__navn"]
    inlines = [KontaktInline]
    readonly_fields = [
        "forloeb",
        "aar",
        "uge",
        "uge_start",
        "mentor",
        "ingen_kontakt_aarsag",
        "ingen_kontakt_note",
        "minutter_i_alt",
        "registreret_af",
        "registreret",
        "aendret",
        "godkendt_af",
        "godkendt",
        "genaabnet",
        "genaabnet_af",
        "genaabnet_begrundelse",
        "version",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
