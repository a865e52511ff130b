"""The one place that decides what a user may see and do.

Views, API, exports, emails and Celery jobs ask here; nothing else re-implements a role
check or a row scope. Scopes are returned as querysets/Q objects so callers stay
set-based.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

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


# --- Row scopes -------------------------------------------------------------------------
# Each returns a Q over the named model. An organisation never sees another's rows.

NOTHING = Q(pk__in=[])


def _forloeb_scope(user: User, *, headlines: bool) -> Q:
    """The course scope; `headlines` adds the coordinator's organisation-wide view.

    Team ids are read once and passed as a literal list: nested subqueries made
    PostgreSQL estimate a single course and choose plans that took minutes at national size.
    """
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return NOTHING
    from forloeb.models import Mentortilknytning

    q = NOTHING
    if user.har_rolle(Rolle.SAGSBEHANDLER):
        q |= Q(team_id__in=list(user.teams.values_list("pk", flat=True)))
    if user.har_rolle(Rolle.TEAMLEDER):
        q |= Q(team_id__in=ledede_team_ids(user))
    if headlines and user.har_rolle(Rolle.MENTORKOORDINATOR):
        q |= Q(organisation_id=user.organisation_id)
    if user.har_rolle(Rolle.MENTOR):
        mine = Mentortilknytning.objects.filter(mentor__bruger=user).values("forloeb_id")
        q |= Q(pk__in=mine)
    return Q(organisation_id=user.organisation_id) & q


def ledede_team_ids(user: User) -> list[int]:
    return list(user.ledede_teams.values_list("pk", flat=True))


def forloeb_q(user: User) -> Q:
    """Courses the user may open: own teams (caseworker), led teams (team leader), own
    citizens now or earlier (mentor, read-only for earlier), headlines (coordinator)."""
    return _forloeb_scope(user, headlines=True)


def borger_q(user: User) -> Q:
    """Citizens: a caseworker may look up anyone in the organisation (the look is logged);
    everyone else only the citizens of courses they may open."""
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return NOTHING
    from forloeb.models import Forloeb

    if user.har_rolle(Rolle.SAGSBEHANDLER):
        return Q(organisation_id=user.organisation_id)
    visible = Forloeb.objects.filter(forloeb_q(user)).values("borger_id")
    return Q(organisation_id=user.organisation_id, pk__in=visible)


def mentor_q(user: User) -> Q:
    if not (user.is_authenticated and user.is_active and user.organisation_id):
        return NOTHING
    if user.har_rolle(Rolle.SAGSBEHANDLER, Rolle.MENTORKOORDINATOR, Rolle.TEAMLEDER):
        return Q(organisation_id=user.organisation_id)
    if user.har_rolle(Rolle.MENTOR):
        return Q(organisation_id=user.organisation_id, bruger=user)
    return NOTHING


# --- Actions ----------------------------------------------------------------------------


def is_case_worker_for(user: User, forloeb) -> bool:
    """The caseworker authority over a course: a caseworker in the course's team."""
    return (
        has_role(user, Rolle.SAGSBEHANDLER)
        and user.organisation_id == forloeb.organisation_id
        and user.teams.filter(pk=forloeb.team_id).exists()
    )


def is_current_mentor_of(user: User, forloeb) -> bool:
    return bool(
        has_role(user, Rolle.MENTOR) and forloeb.mentor_id and forloeb.mentor.bruger_id == user.pk
    )


def may_see_case_content(user: User, forloeb) -> bool:
    """Goal, tasks, notes: not for the coordinator, who sees headlines only."""
    if is_case_worker_for(user, forloeb):
        return True
    if has_role(user, Rolle.TEAMLEDER) and user.ledede_teams.filter(pk=forloeb.team_id).exists():
        return True
    if has_role(user, Rolle.MENTOR):
        return forloeb.tilknytninger.filter(mentor__bruger=user).exists()
    return False


def may_see_sensitive(user: User) -> bool:
    """Health and substance-misuse problem areas: caseworkers, team leaders and mentors."""
    return has_role(user, Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER, Rolle.MENTOR)


def may_reveal_cpr(user: User) -> bool:
    return has_role(user, Rolle.SAGSBEHANDLER, Rolle.TEAMLEDER)


def may_manage_mentors(user: User) -> bool:
    return has_role(user, Rolle.MENTORKOORDINATOR, Rolle.ADMINISTRATOR)


def case_content_q(user: User) -> Q:
    """Set-based twin of may_see_case_content: courses whose goal, tasks and notes the
    user may read (a Q over Forloeb) — the course scope without the coordinator's headlines."""
    return _forloeb_scope(user, headlines=False)


def may_see_history(user: User, forloeb) -> bool:
    """A course's change history: its caseworkers and the leaders of its team."""
    if is_case_worker_for(user, forloeb):
        return True
    return (
        has_role(user, Rolle.TEAMLEDER)
        and user.organisation_id == forloeb.organisation_id
        and user.ledede_teams.filter(pk=forloeb.team_id).exists()
    )


def may_see_access_log(user: User, borger) -> bool:
    """Who looked at a citizen: the organisation's administrators (the log holds no case
    content) and leaders of a team with a course of the citizen."""
    if not has_role(user, Rolle.ADMINISTRATOR, Rolle.TEAMLEDER):
        return False
    if user.organisation_id != borger.organisation_id:
        return False
    if has_role(user, Rolle.ADMINISTRATOR):
        return True
    from forloeb.models import Forloeb

    return Forloeb.objects.filter(borger=borger, team__in=user.ledede_teams.all()).exists()


def may_export_citizen(user: User, borger) -> bool:
    """A request for access (indsigt) is answered by a caseworker of one of the citizen's
    courses (any caseworker of the organisation if the citizen has none)."""
    if not has_role(user, Rolle.SAGSBEHANDLER) or user.organisation_id != borger.organisation_id:
        return False
    from forloeb.models import Forloeb

    courses = Forloeb.objects.filter(borger=borger)
    return not courses.exists() or courses.filter(team__in=user.teams.all()).exists()


def may_match_mentor(user: User, forloeb) -> bool:
    """The coordinator matches citizens to mentors: a course on the waiting list (no
    mentor yet) in the coordinator's organisation. A change of mentor stays the
    caseworker's decision."""
    return (
        has_role(user, Rolle.MENTORKOORDINATOR)
        and user.organisation_id == forloeb.organisation_id
        and forloeb.mentor_id is None
    )
