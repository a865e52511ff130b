"""Reads about users and their access, scoped to the asking user."""

from __future__ import annotations

from .models import ApiToken, User


def mine_api_tokens(*, bruger: User):
    """The user's own valid API tokens, newest first."""
    return ApiToken.objects.filter(user=bruger).gyldige().order_by("-created", "-id")
