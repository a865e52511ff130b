from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import OrganisationScopedMixin

from . import services
from .models import ApiToken, Kilde, Organisation, Rolleaendring, Team, User


class KunLaesning:
    """A log: shown, never added, changed or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    organisation_path = "pk"
    list_display = ["navn", "kommunekode", "cvr"]
    fields = ["navn", "kommunekode", "cvr", "jobcenter", "adresse"]


@admin.register(Team)
class TeamAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    list_display = ["navn", "organisation"]
    list_filter = ["organisation"]
    filter_horizontal = ["ledere"]


@admin.register(User)
class UserAdmin(OrganisationScopedMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "roller", "is_active"]
    list_filter = ["organisation", "is_active", "noedadgang"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Mentorsag"),
            {"fields": ("organisation", "teams", "roller", "telefon", "noedadgang")},
        ),
    )
    filter_horizontal = ("groups", "user_permissions", "teams")

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser makes superusers or hands out admin permissions.
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "groups", "user_permissions"]
        return fields

    def save_model(self, request, obj, form, change):
        """Roles and the active state are saved by `services.aendr_adgang` (in
        save_related), which logs the change and revokes API tokens when needed."""
        if change:
            gemt = User.objects.get(pk=obj.pk)
            obj._ny_adgang = {"roller": obj.roller, "is_active": obj.is_active}
            obj.roller, obj.is_active = gemt.roller, gemt.is_active
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        teams = form.cleaned_data.pop("teams", None)
        super().save_related(request, form, formsets, change)
        if teams is None:
            return
        ny = getattr(form.instance, "_ny_adgang", None) or {}
        services.aendr_adgang(
            bruger=form.instance,
            kilde=Kilde.ADMIN,
            roller=ny.get("roller"),
            is_active=ny.get("is_active"),
            teams=teams,
            aendret_af=request.user,
            begrundelse=str(_("Ændret i administrationen")),
        )


@admin.register(Rolleaendring)
class RolleaendringAdmin(KunLaesning, OrganisationScopedMixin, admin.ModelAdmin):
    organisation_path = "bruger__organisation"
    list_display = [
        "tidspunkt",
        "bruger",
        "kilde",
        "roller_foer",
        "roller_efter",
        "aktiv_efter",
        "tokens_tilbagekaldt",
        "aendret_af",
    ]
    list_filter = ["kilde"]
    search_fields = ["bruger__username"]
    list_select_related = ["bruger", "aendret_af"]


@admin.register(ApiToken)
class ApiTokenAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    """Who holds which token, and revocation (delete). Neither the token nor its hash is
    shown: only the owner saw the token, once."""

    organisation_path = "user__organisation"
    list_display = ["navn", "user", "created", "expiry"]
    fields = ["navn", "user", "created", "expiry"]
    readonly_fields = fields
    search_fields = ["user__username", "navn"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
