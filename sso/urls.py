from django.urls import path

from core.adgang import uden_persondata

from . import oidc, saml

app_name = "sso"

# Logging in and out shows no personal data (the access log starts after the login).
urlpatterns = [
    path("saml/metadata/", uden_persondata(saml.Metadata.as_view()), name="saml_metadata"),
    path("saml/acs/", uden_persondata(saml.Acs.as_view()), name="saml_acs"),
    path("saml/log-ud/", uden_persondata(saml.LogUd.as_view()), name="saml_logud"),
    path("saml/ls/", uden_persondata(saml.LogoutService.as_view()), name="saml_ls"),
    path("saml/ls/post/", uden_persondata(saml.LogoutService.as_view()), name="saml_ls_post"),
    path("saml/<slug:slug>/log-ind/", uden_persondata(saml.LogInd.as_view()), name="saml_login"),
    path("oidc/callback/", uden_persondata(oidc.Callback.as_view()), name="oidc_callback"),
    path("oidc/log-ud/", uden_persondata(oidc.LogUd.as_view()), name="oidc_logud"),
    path("oidc/<slug:slug>/log-ind/", uden_persondata(oidc.LogInd.as_view()), name="oidc_login"),
    path("logget-ud/", uden_persondata(oidc.logget_ud), name="logget_ud"),
]
