from django.urls import path

from . import oidc, saml

app_name = "sso"

urlpatterns = [
    path("saml/metadata/", saml.Metadata.as_view(), name="saml_metadata"),
    path("saml/acs/", saml.Acs.as_view(), name="saml_acs"),
    path("saml/log-ud/", saml.LogUd.as_view(), name="saml_logud"),
    path("saml/ls/", saml.LogoutService.as_view(), name="saml_ls"),
    path("saml/ls/post/", saml.LogoutService.as_view(), name="saml_ls_post"),
    path("saml/<slug:slug>/log-ind/", saml.LogInd.as_view(), name="saml_login"),
    path("oidc/callback/", oidc.Callback.as_view(), name="oidc_callback"),
    path("oidc/log-ud/", oidc.LogUd.as_view(), name="oidc_logud"),
    path("oidc/<slug:slug>/log-ind/", oidc.LogInd.as_view(), name="oidc_login"),
    path("logget-ud/", oidc.logget_ud, name="logget_ud"),
]
