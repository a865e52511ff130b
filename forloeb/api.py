"""REST API for citizens, mentors and courses (/api/v1/borgere, /mentorer, /forloeb).

Thin: querysets are scoped with organisation.permissions (a row outside the scope is a
404), writes go through forloeb.services, and every read of personal data is logged.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.adgang import Handling
from core.api import ApiMixin, call_service, validation_detail
from organisation import permissions
from organisation.models import Rolle

from . import cpr, services
from .models import (
    Arbejdspunkt,
    Borger,
    Forloeb,
    Mentor,
    Mentoraftale,
    MentorType,
    Status,
)
from .serializers import (
    AfslutningSerializer,
    AnnullerSerializer,
    ArbejdspunktSerializer,
    ArbejdspunktStatusSerializer,
    BevillingSerializer,
    BorgerSerializer,
    CprSoegningSerializer,
    ForloebOpdaterSerializer,
    ForloebOpretSerializer,
    ForloebSerializer,
    FuldfoerAfslutningSerializer,
    MentoraftaleFuldSerializer,
    MentorSerializer,
    MentorskiftSerializer,
    MentortilknytningSerializer,
    MoedeSerializer,
    OpfoelgningSerializer,
    ProgressionsvurderingSerializer,
    ResultatSerializer,
    StatusrapportSerializer,
    TimeaendringSerializer,
    UdleveringSerializer,
)


class IdFilter(django_filters.NumberFilter):
    """An id: whole numbers only (no decimals or exponents)."""

    field_class = forms.IntegerField


# --- Citizens ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Søg i navn (del af navnet)."),
        ],
        description=(
            "Borgere, brugeren må se. Søg på CPR med POST /api/v1/borgere/soeg/ — et "
            "CPR-nummer i URL'en ville havne i serverens adgangslog, så `?cpr=` afvises."
        ),
    )
)
class BorgerViewSet(
    ApiMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = BorgerSerializer

    def get_queryset(self):
        qs = Borger.objects.synlige_for(self.request.user).order_by("navn", "pk")
        tekst = (self.request.query_params.get("q") or "").strip()
        if tekst and self.action == "list":
            qs = qs.filter(navn__icontains=tekst[:200])
        return qs

    def list(self, request, *args, **kwargs):
        if "cpr" in request.query_params:
            raise ValidationError(
                {
                    "cpr": [
                        _(
                            "Søg på CPR-nummer med POST /api/v1/borgere/soeg/, så nummeret "
                            "ikke står i URL'en."
                        )
                    ]
                }
            )
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API borgere (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        borger = self.get_object()
        self.noter_visning(borger=borger, beskrivelse="API borgere (detalje)")
        return Response(self.get_serializer(borger).data)

    def create(self, request, *args, **kwargs):
        permissions.require_role(request.user, Rolle.SAGSBEHANDLER)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        cpr_nummer = data.pop("cpr")
        try:
            borger = services.opret_borger(user=request.user, cpr_nummer=cpr_nummer, **data)
        except DjangoValidationError as exc:
            raise ValidationError(validation_detail(exc, {"cpr_nummer": "cpr"})) from None
        return Response(self.get_serializer(borger).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=CprSoegningSerializer,
        responses={200: BorgerSerializer(many=True)},
        description="Find en borger på CPR-nummer. Søgningen skrives i adgangsloggen.",
    )
    @action(detail=False, methods=["post"], url_path="soeg", pagination_class=None)
    def soeg(self, request):
        data = CprSoegningSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            digits = cpr.normalise(data.validated_data["cpr"])
        except DjangoValidationError as exc:
            raise ValidationError({"cpr": exc.messages}) from None
        fundet = list(
            Borger.objects.synlige_for(request.user).filter(cpr_hash=cpr.lookup_hash(digits))
        )
        self.noter_visning(
            handling=Handling.SOEG_CPR,
            borger=fundet[0] if fundet else None,
            beskrivelse="API borgere/soeg",
        )
        return Response(self.get_serializer(fundet, many=True).data)


# --- Mentors -----------------------------------------------------------------------------


class MentorFilter(django_filters.FilterSet):
    aktiv = django_filters.BooleanFilter()
    type = django_filters.ChoiceFilter(choices=MentorType.choices)

    class Meta:
        model = Mentor
        fields = ["aktiv", "type"]


class MentorViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Mentors with caseload (`belastning`) against `kapacitet`."""

    serializer_class = MentorSerializer
    filterset_class = MentorFilter

    def get_queryset(self):
        return Mentor.objects.synlige_for(self.request.user).med_belastning().order_by("navn", "pk")

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API mentorer (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self.noter_visning(beskrivelse=f"API mentorer {kwargs.get('pk')}")
        return response


# --- Courses -----------------------------------------------------------------------------


class ForloebFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    team = IdFilter(field_name="team_id")
    sagsbehandler = IdFilter(field_name="sagsbehandler_id")
    mentor = IdFilter(field_name="mentor_id")
    borger = IdFilter(field_name="borger_id")

    class Meta:
        model = Forloeb
        fields = ["status", "team", "sagsbehandler", "mentor", "borger"]


def forloeb_for(user):
    """Courses the user may open, with `kan_se_indhold` (goal/tasks visible) annotated."""
    return (
        Forloeb.objects.synlige_for(user)
        .select_related("borger", "mentor")
        .annotate(
            kan_se_indhold=ExpressionWrapper(
                Forloeb.objects.indhold_q(user), output_field=BooleanField()
            )
        )
        .order_by("-oprettet", "-pk")
    )


def _id_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, int, OpenApiParameter.PATH, description=description)


def _id(value) -> int:
    """A path id as an int; one that cannot be a database id is simply not found."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number < 2**31:
        raise Http404
    return number


@extend_schema_view(
    create=extend_schema(request=ForloebOpretSerializer, responses={201: ForloebSerializer}),
    partial_update=extend_schema(
        request=ForloebOpdaterSerializer,
        responses={200: ForloebSerializer},
        description=(
            "Ret formål, mål, opgaver, støttetype, lovgrundlag, udskrivningsdato og "
            "`ud_over_normalt`. `version` er påkrævet: er forløbet ændret af en anden, "
            "siden klienten læste det, afvises ændringen (400, `non_field_errors`). "
            "Svaret har den nye `version`. Kun forløbets sagsbehandler."
        ),
    ),
)
class ForloebViewSet(
    ApiMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ForloebSerializer
    filterset_class = ForloebFilter

    def get_queryset(self):
        return forloeb_for(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.noter_visning(beskrivelse="API forloeb (liste)")
        return response

    def retrieve(self, request, *args, **kwargs):
        forloeb = self.get_object()
        self.noter_visning(forloeb=forloeb, beskrivelse="API forloeb (detalje)")
        return Response(self.get_serializer(forloeb).data)

    def create(self, request, *args, **kwargs):
        user = request.user
        permissions.require_role(user, Rolle.SAGSBEHANDLER)
        serializer = ForloebOpretSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v is not None}
        forloeb = call_service(
            lambda: services.opret_forloeb_med_mentor(user=user, **data),
            mentor_fra="mentor_fra",
        )
        forloeb = self.get_queryset().get(pk=forloeb.pk)
        return Response(self.get_serializer(forloeb).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        forloeb = self.get_object()
        self._skriv(forloeb)
        serializer = ForloebOpdaterSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        call_service(
            lambda: services.opdater_forloeb(
                user=request.user, forloeb=forloeb, version=version, **data
            )
        )
        forloeb = self.get_queryset().get(pk=forloeb.pk)
        return Response(self.get_serializer(forloeb).data)

    # --- nested resources ---------------------------------------------------------------

    def _indhold(self, forloeb: Forloeb) -> None:
        """Goal, grants, meetings and follow-up: not for headline-only users."""
        if not forloeb.kan_se_indhold:
            raise PermissionDenied
        self.noter_visning(forloeb=forloeb)

    def _skriv(self, forloeb: Forloeb) -> None:
        """Writes are the caseworker's; refuse before looking at the body."""
        if not permissions.is_case_worker_for(self.request.user, forloeb):
            raise PermissionDenied

    def _skriv_eller_mentor(self, forloeb: Forloeb) -> None:
        """Work points: the course's caseworker or its current mentor."""
        user = self.request.user
        if not (
            permissions.is_case_worker_for(user, forloeb)
            or permissions.is_current_mentor_of(user, forloeb)
        ):
            raise PermissionDenied

    def _opret(
        self,
        request,
        serializer_class,
        opret,
        svar_class=None,
        status_kode=status.HTTP_201_CREATED,
        **rename,
    ):
        """Validate the body's types, call the service, answer 201 with the new row."""
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        obj = call_service(lambda: opret(dict(serializer.validated_data)), **rename)
        return Response(
            (svar_class or serializer_class)(obj, context=self.get_serializer_context()).data,
            status=status_kode,
        )

    def _liste_eller_opret(self, request, serializer_class, related, opret):
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            rows = getattr(forloeb, related).all()
            return Response(
                serializer_class(rows, many=True, context=self.get_serializer_context()).data
            )
        self._skriv(forloeb)
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        obj = call_service(lambda: opret(forloeb, dict(serializer.validated_data)))
        return Response(
            serializer_class(obj, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(methods=["GET"], responses=BevillingSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=BevillingSerializer, responses={201: BevillingSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def bevillinger(self, request, pk=None):
        """List grant periods, or grant a new one (≤ 6 months; `vurdering` after the first)."""
        return self._liste_eller_opret(
            request,
            BevillingSerializer,
            "bevillinger",
            lambda forloeb, data: services.bevilg_periode(
                user=request.user, forloeb=forloeb, **data
            ),
        )

    @extend_schema(methods=["GET"], responses=MoedeSerializer(many=True))
    @extend_schema(methods=["POST"], request=MoedeSerializer, responses={201: MoedeSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def moeder(self, request, pk=None):
        return self._liste_eller_opret(
            request,
            MoedeSerializer,
            "moeder",
            lambda forloeb, data: services.registrer_moede(
                user=request.user, forloeb=forloeb, **data
            ),
        )

    @extend_schema(methods=["GET"], responses=OpfoelgningSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=OpfoelgningSerializer, responses={201: OpfoelgningSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def opfoelgninger(self, request, pk=None):
        return self._liste_eller_opret(
            request,
            OpfoelgningSerializer,
            "opfoelgninger",
            lambda forloeb, data: services.registrer_opfoelgning(
                user=request.user, forloeb=forloeb, **data
            ),
        )

    @extend_schema(methods=["GET"], responses=MentortilknytningSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=MentorskiftSerializer,
        responses={201: MentortilknytningSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def mentorskift(self, request, pk=None):
        """The mentor history, or a change of mentor (with `begrundelse`)."""
        forloeb = self.get_object()
        if request.method == "GET":
            # The reasons are case content: not for the coordinator (headlines only).
            self._indhold(forloeb)
            rows = forloeb.tilknytninger.select_related("mentor")
            return Response(MentortilknytningSerializer(rows, many=True).data)
        self._skriv(forloeb)
        serializer = MentorskiftSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v is not None}
        tilknytning = call_service(
            lambda: services.tildel_mentor(user=request.user, forloeb=forloeb, **data)
        )
        return Response(
            MentortilknytningSerializer(tilknytning).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=AfslutningSerializer, responses={201: AfslutningSerializer})
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def afslut(self, request, pk=None):
        """End the course: reason and both voices' rating (1–5) of how close the goal is."""
        forloeb = self.get_object()
        self._skriv(forloeb)
        serializer = AfslutningSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.setdefault("borger_vurdering", None)
        data.setdefault("mentor_vurdering", None)
        afslutning = call_service(
            lambda: services.afslut_forloeb(user=request.user, forloeb=forloeb, **data)
        )
        return Response(AfslutningSerializer(afslutning).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=FuldfoerAfslutningSerializer,
        responses={200: AfslutningSerializer},
        description=(
            "Fuldfør en afslutning, der mangler årsag eller vurderinger (fx efter import). "
            "Kun manglende felter udfyldes; ændringen står i historikken."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="afslutning/fuldfoer",
        pagination_class=None,
        filterset_class=None,
    )
    def fuldfoer_afslutning(self, request, pk=None):
        forloeb = self.get_object()
        self._skriv(forloeb)
        return self._opret(
            request,
            FuldfoerAfslutningSerializer,
            lambda data: services.fuldfoer_afslutning(user=request.user, forloeb=forloeb, **data),
            svar_class=AfslutningSerializer,
            status_kode=status.HTTP_200_OK,
        )

    @extend_schema(
        request=AnnullerSerializer,
        responses={200: ForloebSerializer},
        description="Annullér en kladde, der ikke skal bevilges (med en begrundelse).",
    )
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def annuller(self, request, pk=None):
        forloeb = self.get_object()
        self._skriv(forloeb)
        data = AnnullerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call_service(
            lambda: services.annuller_kladde(
                user=request.user, forloeb=forloeb, begrundelse=data.validated_data["begrundelse"]
            )
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=forloeb.pk)).data)

    @extend_schema(
        methods=["GET"],
        parameters=[_id_param("bevilling_id", "Bevillingsperiodens id.")],
        responses=TimeaendringSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        parameters=[_id_param("bevilling_id", "Bevillingsperiodens id.")],
        request=TimeaendringSerializer,
        responses={201: TimeaendringSerializer},
        description="Ændr timer pr. uge fra en dato i perioden; en selvstændig afgørelse.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path=r"bevillinger/(?P<bevilling_id>[0-9]+)/timeaendringer",
        pagination_class=None,
        filterset_class=None,
    )
    def timeaendringer(self, request, pk=None, bevilling_id=None):
        forloeb = self.get_object()
        bevilling = get_object_or_404(forloeb.bevillinger.all(), pk=_id(bevilling_id))
        if request.method == "GET":
            self._indhold(forloeb)
            rows = bevilling.timeaendringer.all()
            return Response(TimeaendringSerializer(rows, many=True).data)
        self._skriv(forloeb)
        bevilling.forloeb = forloeb
        return self._opret(
            request,
            TimeaendringSerializer,
            lambda data: services.aendr_timer(user=request.user, bevilling=bevilling, **data),
        )

    def _aftaler(self, forloeb: Forloeb):
        return Mentoraftale.objects.filter(bevilling__forloeb=forloeb).order_by(
            "bevilling__start", "version"
        )

    @extend_schema(responses=MentoraftaleFuldSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def aftaler(self, request, pk=None):
        """The written agreement of each grant period: its six elements and hand-over."""
        forloeb = self.get_object()
        self._indhold(forloeb)
        return Response(MentoraftaleFuldSerializer(self._aftaler(forloeb), many=True).data)

    @extend_schema(
        parameters=[_id_param("aftale_id", "Mentoraftalens id.")],
        request=UdleveringSerializer,
        responses={200: MentoraftaleFuldSerializer},
        description="Registrér, hvornår og hvordan aftalen blev udleveret til borgeren.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"aftaler/(?P<aftale_id>[0-9]+)/udlevering",
        pagination_class=None,
        filterset_class=None,
    )
    def udlevering(self, request, pk=None, aftale_id=None):
        forloeb = self.get_object()
        aftale = get_object_or_404(
            self._aftaler(forloeb).select_related("bevilling"), pk=_id(aftale_id)
        )
        self._skriv(forloeb)
        aftale.bevilling.forloeb = forloeb
        serializer = UdleveringSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aftale = call_service(
            lambda: services.udlever_aftale(
                user=request.user,
                aftale=aftale,
                dato=serializer.validated_data["udleveret"],
                maade=serializer.validated_data["udleveringsmaade"],
            ),
            dato="udleveret",
            maade="udleveringsmaade",
        )
        return Response(MentoraftaleFuldSerializer(aftale).data)

    # --- work points --------------------------------------------------------------------

    @extend_schema(methods=["GET"], responses=ArbejdspunktSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=ArbejdspunktSerializer, responses={201: ArbejdspunktSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def arbejdspunkter(self, request, pk=None):
        """Work points with every progress rating (`vurderet_af` mentor or borger)."""
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            rows = forloeb.arbejdspunkter.prefetch_related("vurderinger")
            return Response(ArbejdspunktSerializer(rows, many=True).data)
        self._skriv_eller_mentor(forloeb)
        return self._opret(
            request,
            ArbejdspunktSerializer,
            lambda data: services.opret_arbejdspunkt(user=request.user, forloeb=forloeb, **data),
        )

    def _arbejdspunkt(self, forloeb: Forloeb, ap_id) -> Arbejdspunkt:
        arbejdspunkt = get_object_or_404(forloeb.arbejdspunkter.all(), pk=_id(ap_id))
        arbejdspunkt.forloeb = forloeb
        self._skriv_eller_mentor(forloeb)
        return arbejdspunkt

    @extend_schema(
        parameters=[_id_param("ap_id", "Arbejdspunktets id.")],
        request=ArbejdspunktStatusSerializer,
        responses={200: ArbejdspunktSerializer},
        description="Markér arbejdspunktet opnået, opgivet eller i gang igen.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"arbejdspunkter/(?P<ap_id>[0-9]+)/status",
        pagination_class=None,
        filterset_class=None,
    )
    def arbejdspunkt_status(self, request, pk=None, ap_id=None):
        forloeb = self.get_object()
        arbejdspunkt = self._arbejdspunkt(forloeb, ap_id)
        serializer = ArbejdspunktStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arbejdspunkt = call_service(
            lambda: services.aendr_arbejdspunkt_status(
                user=request.user, arbejdspunkt=arbejdspunkt, **serializer.validated_data
            )
        )
        arbejdspunkt = forloeb.arbejdspunkter.prefetch_related("vurderinger").get(
            pk=arbejdspunkt.pk
        )
        return Response(ArbejdspunktSerializer(arbejdspunkt).data)

    @extend_schema(
        parameters=[_id_param("ap_id", "Arbejdspunktets id.")],
        request=ProgressionsvurderingSerializer,
        responses={201: ProgressionsvurderingSerializer},
        description=(
            "Mentorens eller borgerens vurdering (1–5) af arbejdspunktet; mentoren eller "
            "sagsbehandleren registrerer borgerens."
        ),
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"arbejdspunkter/(?P<ap_id>[0-9]+)/vurderinger",
        pagination_class=None,
        filterset_class=None,
    )
    def arbejdspunkt_vurderinger(self, request, pk=None, ap_id=None):
        forloeb = self.get_object()
        arbejdspunkt = self._arbejdspunkt(forloeb, ap_id)
        return self._opret(
            request,
            ProgressionsvurderingSerializer,
            lambda data: services.vurder_progression(
                user=request.user, arbejdspunkt=arbejdspunkt, **data
            ),
        )

    # --- status reports and results -----------------------------------------------------

    @extend_schema(methods=["GET"], responses=StatusrapportSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=StatusrapportSerializer,
        responses={201: StatusrapportSerializer},
        description="Statusrapport fra forløbets nuværende mentor (kun mentoren).",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def statusrapporter(self, request, pk=None):
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            return Response(StatusrapportSerializer(forloeb.statusrapporter.all(), many=True).data)
        if not permissions.is_current_mentor_of(request.user, forloeb):
            raise PermissionDenied
        return self._opret(
            request,
            StatusrapportSerializer,
            lambda data: services.skriv_statusrapport(user=request.user, forloeb=forloeb, **data),
        )

    @extend_schema(methods=["GET"], responses=ResultatSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=ResultatSerializer,
        responses={201: ResultatSerializer},
        description=(
            "Resultat 3, 6 eller 12 måneder efter afslutningen; kan først registreres, når "
            "tiden er gået. Samme måned igen erstatter resultatet."
        ),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def resultater(self, request, pk=None):
        forloeb = self.get_object()
        if request.method == "GET":
            self._indhold(forloeb)
            return Response(ResultatSerializer(forloeb.resultater.all(), many=True).data)
        self._skriv(forloeb)
        return self._opret(
            request,
            ResultatSerializer,
            lambda data: services.registrer_resultat(user=request.user, forloeb=forloeb, **data),
        )
