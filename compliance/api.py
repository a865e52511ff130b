"""REST API for compliance flags (/api/v1/advarsler/) and the dashboard figures
(/api/v1/dashboard/)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ApiMixin, IdFilter
from forloeb.models import Forloeb
from organisation import permissions
from organisation.models import Rolle

from .models import Advarsel
from .regler import REGLER, regel_choices
from .serializers import AdvarselSerializer


@extend_schema_field({"type": "string", "enum": ["", *REGLER]})  # "" = every rule
class RegelFilter(django_filters.ChoiceFilter):
    """A rule code; its enum in the schema, so a client knows the valid values."""


class AdvarselFilter(django_filters.FilterSet):
    regel = RegelFilter(choices=regel_choices)
    forloeb = IdFilter(field_name="forloeb_id")
    ansvarlig = IdFilter(field_name="ansvarlig_id")
    aaben = django_filters.BooleanFilter(
        field_name="lukket", lookup_expr="isnull", label="Åben (ikke løst)"
    )

    class Meta:
        model = Advarsel
        fields = ["regel", "forloeb", "ansvarlig", "aaben"]


class AdvarselViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Flags on the courses the user may open, oldest first."""

    serializer_class = AdvarselSerializer
    filterset_class = AdvarselFilter

    def get_queryset(self):
        synlige = Forloeb.objects.synlige_for(self.request.user).values("pk")
        return Advarsel.objects.filter(forloeb_id__in=synlige).order_by("foerst_set", "id")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API advarsler (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        advarsel = self.get_object()
        self.noter_visning(forloeb=advarsel.forloeb, beskrivelse="API advarsel")
        return super().retrieve(request, *args, **kwargs)


# --- Dashboard ---------------------------------------------------------------------------


def _heltal(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        return None
    if not value.isdigit() or len(value) > 18:
        raise ValidationError({name: [_("Angiv et id (et helt tal).")]})
    return int(value)


class DashboardView(ApiMixin, APIView):
    """The team leader's figures for the teams they lead (or one of them: `?team=`)."""

    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("team", int, description="Et af de teams, du leder."),
            OpenApiParameter("sagsbehandler", int),
            OpenApiParameter("mentor", int),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        """The same figures as the dashboard page (compliance.selectors.dashboard)."""
        from . import selectors

        permissions.require_role(request.user, Rolle.TEAMLEDER)
        filtre = selectors.Filtre(
            team=_heltal(request, "team"),
            sagsbehandler=_heltal(request, "sagsbehandler"),
            mentor=_heltal(request, "mentor"),
        )
        ledede = permissions.ledede_team_ids(request.user)
        if filtre.team is not None and filtre.team not in ledede:
            raise NotFound
        base = filtre.anvend(selectors.leders_forloeb(request.user))
        data = selectors.dashboard(base, team_ids=[filtre.team] if filtre.team else ledede)
        return Response({"teams": [filtre.team] if filtre.team else ledede, **data})
