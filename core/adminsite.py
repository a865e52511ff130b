"""The admin site. Its own module, registering nothing: Django builds the default site
from this class while the apps' admin modules (core.admin among them) register on it."""

import functools

from django.contrib import admin

from .adgang import log_adgang
from .http import client_ip, login_metode
from .models import Handling


class LoggetAdminSite(admin.AdminSite):
    """Django's admin site, where a superuser (break-glass: sees every organisation) is
    logged on every admin view like a caseworker on a case screen. The path is logged,
    never the query string (a search may hold a name)."""

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @functools.wraps(inner)
        def logget(request, *args, **kwargs):
            response = inner(request, *args, **kwargs)
            user = request.user
            if user.is_authenticated and user.is_superuser and response.status_code < 400:
                log_adgang(
                    user=user,
                    handling=Handling.ADMIN,
                    ip=client_ip(request),
                    beskrivelse=f"{request.method} {request.path}",
                    login_metode=login_metode(request),
                )
            return response

        return logget
