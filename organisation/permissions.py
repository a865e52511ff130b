"""The one place that decides what a user may see and do.

Views, API, exports, emails and Celery jobs ask here; nothing else re-implements a role
check or a row scope. Scopes are returned as querysets/Q objects so callers stay
set-based.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from .models import Rolle, User

CASE_ROLES = (Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTOR, Rolle.MENTORKOORDINATOR)


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.har_rolle(*roles))


def require_role(user: User | AnonymousUser, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def start_url_name(user: User) -> str | None:
    """The URL name of the role's own start page; None for a user without a role."""
    for rolle, url_name in (
        (Rolle.SAGSBEHANDLER, "forloeb:arbejdsliste"),
        (Rolle.TEAMLEDER, "compliance:dashboard"),
        (Rolle.MENTOR, "tidsregistrering:min_uge"),
        (Rolle.MENTORKOORDINATOR, "forloeb:mentorer"),
        (Rolle.ADMINISTRATOR, "admin:index"),
    ):
        if has_role(user, rolle):
            return url_name
    return None
