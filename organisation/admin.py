from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Team, User


class EgenOrganisationMixin:
    """A non-superuser administrator sees only their own organisation's rows."""

    organisation_path = "organisation"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.organisation_path: request.user.organisation_id})


@admin.register(Organisation)
class OrganisationAdmin(EgenOrganisationMixin, admin.ModelAdmin):
    organisation_path = "pk"
    list_display = ["navn", "kommunekode"]


@admin.register(Team)
class TeamAdmin(EgenOrganisationMixin, admin.ModelAdmin):
    list_display = ["navn", "organisation"]
    list_filter = ["organisation"]
    filter_horizontal = ["ledere"]


@admin.register(User)
class UserAdmin(EgenOrganisationMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "roller", "is_active"]
    list_filter = ["organisation", "is_active"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Mentorsag"), {"fields": ("organisation", "teams", "roller", "telefon")}),
    )
    filter_horizontal = ("groups", "user_permissions", "teams")
