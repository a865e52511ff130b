"""The authentication backend behind both SAML and OpenID Connect logins."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from . import services


class SsoBackend(ModelBackend):
    """Accepts a login the protocol layer has already verified (`sso_login`) and lets the
    SSO service provision the user and sync their roles.

    It is reached through `django.contrib.auth.authenticate` with `username=` the user's
    Mentorsag username, so django-axes checks and counts the combination of username and
    client address exactly as for a password login. A refusal's Danish text is left on the
    request for the view (authenticate itself only returns None).
    """

    def authenticate(self, request, username=None, sso_login=None, **kwargs):
        if sso_login is None or request is None or not username:
            return None
        try:
            resultat = services.log_ind(login=sso_login, brugernavn=username)
        except services.SsoAfvist as exc:
            request.sso_afvisning = str(exc)
            return None
        if resultat.afvist:
            request.sso_afvisning = resultat.afvist
            return None
        if not self.user_can_authenticate(resultat.bruger):
            return None
        return resultat.bruger
