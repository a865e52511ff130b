"""REST API for compliance flags (/api/v1/advarsler/) and the dashboard figures
(/api/v1/dashboard/)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from forloeb.api import IdFilter
from forloeb.models import Forloeb
from organisation import permissions
from organisation.api import ApiMixin
from organisation.models import Rolle, Team

from .models import Advarsel
from .regler import regel_choices
from .serializers import AdvarselSerializer


class AdvarselFilter(django_filters.FilterSet):
    regel = django_filters.ChoiceFilter(choices=regel_choices)
    forloeb = IdFilter(field_name="forloeb_id")
    ansvarlig = IdFilter(field_name="ansvarlig_id")
    aaben = django_filters.BooleanFilter(
        field_name="resolved_at", lookup_expr="isnull", label="Åben (ikke løst)"
    )

    class Meta:
        model = Advarsel
        fields = ["regel", "forloeb", "ansvarlig", "aaben"]


class AdvarselViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Flags on the courses the user may open, oldest first."""

    serializer_class = AdvarselSerializer
    filterset_class = AdvarselFilter

    def get_queryset(self):
        synlige = Forloeb.objects.filter(permissions.forloeb_q(self.request.user)).values("pk")
        return Advarsel.objects.filter(forloeb_id__in=synlige).order_by("first_seen", "id")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.log_laesning(beskrivelse="API advarsler (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        advarsel = self.get_object()
        self.log_laesning(forloeb=advarsel.forloeb, beskrivelse="API advarsel")
        return super().retrieve(request, *args, **kwargs)


# --- Dashboard ---------------------------------------------------------------------------


def _dashboard_tal(user, teams) -> dict:
    """The team leader's headline figures for the given led teams.

    Until compliance.selectors offers `dashboard_tal`, computed here with the same
    definitions as the page: STAR points from open flags of the rules behind each point.
    """
    try:
        from .selectors import dashboard_tal  # the page's own numbers, when present
    except ImportError:
        dashboard_tal = None
    if dashboard_tal is not None:
        return dashboard_tal(user=user, teams=teams)

    from django.db.models import Count, F, Q, Sum
    from django.utils import timezone

    from forloeb.models import Mentor, Status
    from tidsregistrering.models import Ugeregistrering

    from .regler import STAR_PUNKTER

    today = timezone.localdate()
    aktive = Forloeb.objects.filter(team__in=teams, status=Status.AKTIV)
    antal_aktive = aktive.count()
    aabne = Advarsel.objects.aabne().filter(forloeb__in=aktive)
    pr_regel = dict(aabne.values_list("regel").annotate(n=Count("id")).order_by("regel"))
    star = {}
    for kode, (titel, regler) in STAR_PUNKTER.items():
        brud = aabne.filter(regel__in=regler).values("forloeb_id").distinct().count()
        opfyldt = antal_aktive - brud
        star[kode] = {
            "titel": str(titel),
            "opfyldt": opfyldt,
            "andel": round(opfyldt / antal_aktive, 4) if antal_aktive else None,
        }
    udloeber = (
        aktive.med_aktuel_periode()
        .filter(sidste_slut__gte=today, sidste_slut__lte=today + timezone.timedelta(days=30))
        .count()
    )
    maaned_start = today.replace(day=1)
    leveret = Ugeregistrering.objects.filter(
        forloeb__in=aktive, uge_start__gte=maaned_start, uge_start__lte=today
    ).aggregate(m=Sum("minutter_i_alt"))["m"]
    over_kapacitet = (
        Mentor.objects.filter(forloeb__in=aktive)
        .distinct()
        .med_belastning()
        .filter(antal_aktive_forloeb__gt=F("kapacitet"))
        .count()
    )
    return {
        "teams": [t.pk for t in teams],
        "aktive_forloeb": antal_aktive,
        "star_punkter": star,
        "aabne_advarsler_pr_regel": pr_regel,
        "aabne_advarsler": sum(pr_regel.values()),
        "perioder_udloeber_30_dage": udloeber,
        "timer_leveret_denne_maaned": round((leveret or 0) / 60, 2),
        "mentorer_over_kapacitet": over_kapacitet,
        "uden_mentor": aktive.filter(Q(mentor__isnull=True)).count(),
    }


class DashboardView(ApiMixin, APIView):
    """The team leader's figures for the teams they lead (or one of them: `?team=`)."""

    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("team", int, description="Et af de teams, du leder.")],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        permissions.require_role(request.user, Rolle.TEAMLEDER)
        teams = Team.objects.filter(
            pk__in=request.user.ledede_teams.values("pk"),
            organisation_id=request.user.organisation_id,
        ).order_by("pk")
        team = request.query_params.get("team")
        if team is not None:
            if not team.isdigit() or len(team) > 18:
                raise ValidationError({"team": [_("Angiv et team-id.")]})
            teams = teams.filter(pk=int(team))
            if not teams.exists():
                raise NotFound
        return Response(_dashboard_tal(request.user, list(teams)))
