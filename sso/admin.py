from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.admin import OrganisationScopedMixin
from organisation.admin import KunLaesning

from .models import Identitetsudbyder, Rolletildeling, SsoIdentitet


class RolletildelingInline(admin.TabularInline):
    model = Rolletildeling
    extra = 1
    fields = ["vaerdi", "rolle", "team", "organisation"]
    verbose_name = _("rolletildeling")
    verbose_name_plural = _(
        "Rolletildelinger: hvilke værdier fra udbyderen giver hvilke roller og teams"
    )


def _https_url(db_field, **kwargs):
    """URL fields without a scheme mean https (Django 6's default, already now)."""
    if isinstance(db_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class IdentitetsudbyderForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_url
        model = Identitetsudbyder
        fields = [
            f.name
            for f in Identitetsudbyder._meta.get_fields()
            if f.concrete and f.editable and f.name != "id"
        ]
        widgets = {
            # A secret is entered, never shown again.
            "client_secret": forms.PasswordInput(render_value=False),
            "metadata_xml": forms.Textarea(attrs={"rows": 6}),
            "rolle_attributter": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_client_secret(self):
        ny = self.cleaned_data.get("client_secret")
        return ny or (self.instance.client_secret if self.instance.pk else "")


@admin.register(Identitetsudbyder)
class IdentitetsudbyderAdmin(OrganisationScopedMixin, admin.ModelAdmin):
    form = IdentitetsudbyderForm
    list_display = ["navn", "organisation", "protokol", "aktiv", "vis_paa_login"]
    list_filter = ["protokol", "aktiv", "organisation"]
    prepopulated_fields = {"slug": ["navn"]}
    inlines = [RolletildelingInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = (
        (None, {"fields": ["navn", "slug", "organisation", "protokol", "aktiv", "vis_paa_login"]}),
        (_("Sikringsniveau"), {"fields": ["kraevet_nsis_niveau"]}),
        (_("SAML 2.0"), {"fields": ["entity_id", "metadata_xml"]}),
        (
            _("OpenID Connect"),
            {
                "fields": [
                    "issuer",
                    "client_id",
                    "client_secret",
                    "authorization_endpoint",
                    "token_endpoint",
                    "jwks_uri",
                    "userinfo_endpoint",
                    "end_session_endpoint",
                    "scopes",
                    "signaturalgoritme",
                ]
            },
        ),
        (
            _("Attributter og claims (tom: protokollens standard)"),
            {
                "fields": [
                    "attr_brugernavn",
                    "attr_email",
                    "attr_fornavn",
                    "attr_efternavn",
                    "attr_cvr",
                    "attr_nsis",
                    "rolle_attributter",
                ]
            },
        ),
    )


@admin.register(SsoIdentitet)
class SsoIdentitetAdmin(KunLaesning, OrganisationScopedMixin, admin.ModelAdmin):
    organisation_path = "bruger__organisation"
    list_display = ["bruger", "udbyder", "oprettet", "sidst_logget_ind"]
    list_filter = ["udbyder"]
    search_fields = ["bruger__username"]
    list_select_related = ["bruger", "udbyder"]
    fields = ["bruger", "udbyder", "oprettet", "sidst_logget_ind"]
