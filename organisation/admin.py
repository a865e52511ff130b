from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import OrganisationScopedMixin

from .models import Organisation, Team, User


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    organisation_path = "pk"
    list_display = ["navn", "kommunekode"]


@admin.register(Team)
class TeamAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    list_display = ["navn", "organisation"]
    list_filter = ["organisation"]
    filter_horizontal = ["ledere"]


@admin.register(User)
class UserAdmin(OrganisationScopedMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "roller", "is_active"]
    list_filter = ["organisation", "is_active"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Mentorsag"), {"fields": ("organisation", "teams", "roller", "telefon")}),
    )
    filter_horizontal = ("groups", "user_permissions", "teams")
