"""The one place that decides what a user may do, by role and team.

Views, API, exports, emails and Celery jobs ask here; nothing else re-implements a role
check or a team-leader check. This module knows users, teams and roles only: it imports
no domain app. A decision about a record is asked with the record's own attributes
(`forloeb.team_id`, `forloeb.mentor`), and the row scopes built on these decisions are
the domain's QuerySet methods (`Forloeb.objects.synlige_for(user)` and friends).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from .models import Rolle, Team, User

CASE_ROLES = (Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTOR, Rolle.MENTORKOORDINATOR)


def has_role(user: User | AnonymousUser, *roles: str) -> bool:
    """An active, logged-in user holding one of `roles`."""
    return bool(
        user.is_authenticated and user.is_active and any(rolle in user.roller for rolle in roles)
    )


def require_role(user: User | AnonymousUser, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


class HarSagsrolle(BasePermission):
    """The API's default permission: case data is for caseworkers, mentors, coordinators
    and team leaders. An administrator configures; a user without a role sees nothing."""

    def has_permission(self, request, view) -> bool:
        return has_role(request.user, *CASE_ROLES)


def start_url_name(user: User) -> str | None:
    """The URL name of the role's own start page; None for a user without a role."""
    for rolle, url_name in (
        (Rolle.SAGSBEHANDLER, "forloeb:arbejdsliste"),
        (Rolle.TEAMLEDER, "compliance:dashboard"),
        (Rolle.MENTOR, "tidsregistrering:min_uge"),
        (Rolle.MENTORKOORDINATOR, "forloeb:mentorer"),
        (Rolle.OEKONOMI, "oekonomi:afregninger"),
        (Rolle.ADMINISTRATOR, "admin:index"),
    ):
        if has_role(user, rolle):
            return url_name
    return None


# --- Teams ------------------------------------------------------------------------------
# Team ids are read once and handed on as literal lists: nested subqueries made
# PostgreSQL estimate a single course and choose plans that took minutes at national size.


def i_organisation(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id)


def team_ids(user: User) -> list[int]:
    """The teams the user works in (as caseworker); read once per user object (request)."""
    if not hasattr(user, "_team_ids"):
        user._team_ids = list(user.teams.values_list("pk", flat=True))
    return user._team_ids


def ledede_team_ids(user: User) -> list[int]:
    """The teams the user leads; empty unless the user holds the team-leader role."""
    if not has_role(user, Rolle.TEAMLEDER):
        return []
    if not hasattr(user, "_ledede_team_ids"):
        user._ledede_team_ids = list(user.ledede_teams.values_list("pk", flat=True))
    return user._ledede_team_ids


def glem_teams(user: User) -> None:
    """Forget the cached team lists (after a change of the user's teams)."""
    for attr in ("_team_ids", "_ledede_team_ids", "_oekonomi_team_ids"):
        user.__dict__.pop(attr, None)


def leder_team(user: User, team_id: int | None) -> bool:
    """The team-leader check: the user holds the role and leads this team."""
    return team_id is not None and team_id in ledede_team_ids(user)


def arbejder_i_team(user: User, team_id: int | None) -> bool:
    return team_id is not None and team_id in team_ids(user)


# --- Decisions about a course -----------------------------------------------------------


def is_case_worker_for(user: User, forloeb) -> bool:
    """The caseworker authority over a course: a caseworker in the course's team."""
    return (
        has_role(user, Rolle.SAGSBEHANDLER)
        and user.organisation_id == forloeb.organisation_id
        and arbejder_i_team(user, forloeb.team_id)
    )


def leads_course_team(user: User, forloeb) -> bool:
    return user.organisation_id == forloeb.organisation_id and leder_team(user, forloeb.team_id)


def is_current_mentor_of(user: User, forloeb) -> bool:
    """Today's mentor of the course (`Forloeb.mentor` is kept as today's mentor)."""
    return bool(
        has_role(user, Rolle.MENTOR) and forloeb.mentor_id and forloeb.mentor.bruger_id == user.pk
    )


def may_see_case_content(user: User, forloeb) -> bool:
    """Goal, tasks, notes: the course's caseworkers and team leaders, and its mentor while
    the course runs. Not the coordinator (headlines only), not a former mentor (she keeps
    only the weeks she registered). Twin: Forloeb.objects.med_indhold_for."""
    if is_case_worker_for(user, forloeb) or leads_course_team(user, forloeb):
        return True
    # "afsluttet" is the stable status code (PRODUCT.md §10).
    return is_current_mentor_of(user, forloeb) and forloeb.status != "afsluttet"


def may_see_history(user: User, forloeb) -> bool:
    """A course's change history: its caseworkers and the leaders of its team."""
    return is_case_worker_for(user, forloeb) or leads_course_team(user, forloeb)


def may_match_mentor(user: User, forloeb) -> bool:
    """The coordinator matches citizens to mentors: a course on the waiting list (no
    mentor yet) in the coordinator's organisation. A change of mentor stays the
    caseworker's decision."""
    return (
        has_role(user, Rolle.MENTORKOORDINATOR)
        and user.organisation_id == forloeb.organisation_id
        and forloeb.mentor_id is None
    )


# --- Money: contracts, settlements, budget ------------------------------------------------


def oekonomi_team_ids(user: User) -> list[int]:
    """The teams whose settlements and budget a user may read: a team leader's own teams;
    finance (`oekonomi`) every team of the organisation. Read once per user object."""
    if not hasattr(user, "_oekonomi_team_ids"):
        teams = set(ledede_team_ids(user))
        if has_role(user, Rolle.OEKONOMI) and i_organisation(user):
            teams |= set(
                Team.objects.filter(organisation_id=user.organisation_id).values_list(
                    "pk", flat=True
                )
            )
        user._oekonomi_team_ids = sorted(teams)
    return user._oekonomi_team_ids


def may_read_oekonomi(user: User) -> bool:
    """Settlements, budget, contracts: team leaders and finance of an organisation."""
    return i_organisation(user) and has_role(user, Rolle.TEAMLEDER, Rolle.OEKONOMI)


def may_manage_contracts(user: User) -> bool:
    """Providers, contract prices and internal cost rates: finance and team leaders."""
    return may_read_oekonomi(user)


def may_approve_settlement(user: User, *, organisation_id: int, team_id: int) -> bool:
    """A monthly settlement is approved by a leader of its team (finance pays it, and so
    does not approve it)."""
    return user.organisation_id == organisation_id and leder_team(user, team_id)


class LaeserOekonomi(BasePermission):
    """API: settlements and budget for team leaders and finance."""

    def has_permission(self, request, view) -> bool:
        return may_read_oekonomi(request.user)


# --- Decisions about people's data ------------------------------------------------------


def may_see_sensitive(user: User) -> bool:
    """Health and substance-misuse problem areas: caseworkers, team leaders and mentors."""
    return has_role(user, Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTOR)


def may_reveal_cpr(user: User) -> bool:
    return has_role(user, Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER)


def may_manage_mentors(user: User) -> bool:
    return has_role(user, Rolle.MENTORKOORDINATOR, Rolle.ADMINISTRATOR)


def may_see_access_log(user: User, *, organisation_id: int, borger_team_ids: Iterable[int]) -> bool:
    """Who looked at a citizen: the organisation's administrators (the log holds no case
    content) and leaders of a team with one of the citizen's courses."""
    if user.organisation_id != organisation_id:
        return False
    if has_role(user, Rolle.ADMINISTRATOR):
        return True
    return bool(set(borger_team_ids) & set(ledede_team_ids(user)))


def may_export_citizen(user: User, *, organisation_id: int, borger_team_ids: Iterable[int]) -> bool:
    """A request for access (indsigt) is answered by a caseworker of one of the citizen's
    courses' teams (any caseworker of the organisation if the citizen has no course)."""
    if not has_role(user, Rolle.SAGSBEHANDLER) or user.organisation_id != organisation_id:
        return False
    teams = set(borger_team_ids)
    return not teams or bool(teams & set(team_ids(user)))
