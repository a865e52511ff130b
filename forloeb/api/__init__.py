"""REST API for citizens, mentors and courses (/api/v1/borgere, /mentorer, /forloeb).

Thin: querysets are scoped with the domain's `synlige_for` (a row outside the scope is a
404), writes go through forloeb.services, and every read of personal data is logged
(core.api.ApiMixin).
"""

from .borgere import BorgerViewSet
from .forloeb import ForloebViewSet, forloeb_for
from .mentorer import MentorViewSet

__all__ = ["BorgerViewSet", "ForloebViewSet", "MentorViewSet", "forloeb_for"]
