"""API shapes for citizens, mentors and courses. Validation of *type* only: every rule
lives in forloeb.services, which the API calls exactly as the forms do."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from rest_framework import serializers

from organisation.models import Team

from .models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
    Mentor,
    Mentoraftale,
    Mentortilknytning,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
    Timeaendring,
)
from .models.choices import (
    Arbejdspunktstatus,
    Resultattype,
    Udleveringsmaade,
    Vurderer,
)
from .selectors import synlige_koder

MIN_DATO = date(1900, 1, 1)
MAX_DATO = date(2100, 12, 31)


class Dato(serializers.DateField):
    """An ISO date within 1900–2100, so date arithmetic in the services cannot overflow."""

    def to_internal_value(self, value):
        value = super().to_internal_value(value)
        if not MIN_DATO <= value <= MAX_DATO:
            raise serializers.ValidationError(_("Datoen skal ligge mellem år 1900 og 2100."))
        return value


class Tekst(serializers.CharField):
    """Free text; blank allowed so the service's own Danish message decides."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("max_length", 10_000)
        super().__init__(**kwargs)


def _user(serializer):
    """The requesting user; None when the serializer is built without a request (schema)."""
    request = serializer.context.get("request")
    return getattr(request, "user", None)


# --- Citizens ----------------------------------------------------------------------------


class BorgerSerializer(serializers.ModelSerializer):
    cpr = serializers.CharField(
        write_only=True,
        max_length=20,
        help_text="Fuldt CPR-nummer (kun ved oprettelse); vises aldrig igen.",
    )
    cpr_maskeret = serializers.CharField(read_only=True)

    class Meta:
        model = Borger
        fields = [
            "id",
            "cpr",
            "cpr_maskeret",
            "foedselsdato",
            "navn",
            "adresse",
            "telefon",
            "email",
            "ydelsesgruppe",
            "visitation",
            "ret_og_pligt",
            "problemomraader",
            "oensker_til_mentor",
            "oprettet",
        ]
        read_only_fields = ["foedselsdato", "oprettet"]
        extra_kwargs = {"navn": {"allow_blank": True}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = _user(self)
        data["problemomraader"] = synlige_koder(user, data["problemomraader"]) if user else []
        return data


class CprSoegningSerializer(serializers.Serializer):
    cpr = serializers.CharField(max_length=20, help_text="CPR-nummer, fx 010190-1234.")


# --- Mentors -----------------------------------------------------------------------------


class MentorSerializer(serializers.ModelSerializer):
    belastning = serializers.IntegerField(read_only=True)

    class Meta:
        model = Mentor
        fields = [
            "id",
            "navn",
            "type",
            "arbejdsgiver",
            "telefon",
            "email",
            "uddannelse",
            "mentoruddannelse_timer",
            "specialiseringer",
            "kapacitet",
            "belastning",
            "aktiv",
        ]
        read_only_fields = fields


# --- Courses -----------------------------------------------------------------------------

INDHOLD = ("maal", "opgaver", "ud_over_normalt")


class ForloebSerializer(serializers.ModelSerializer):
    """A course. Goal, tasks and the beyond-the-ordinary assessment are null for a user
    who sees headlines only (the mentor coordinator)."""

    borger_navn = serializers.CharField(source="borger.navn", read_only=True)
    borger_cpr_maskeret = serializers.CharField(source="borger.cpr_maskeret", read_only=True)
    mentor_navn = serializers.CharField(source="mentor.navn", read_only=True, default=None)

    class Meta:
        model = Forloeb
        fields = [
            "id",
            "borger",
            "borger_navn",
            "borger_cpr_maskeret",
            "team",
            "sagsbehandler",
            "mentor",
            "mentor_navn",
            "formaal",
            "maal",
            "opgaver",
            "stoettetype",
            "lovgrundlag",
            "udskrivningsdato",
            "optagelsesdato",
            "ud_over_normalt",
            "status",
            "version",
            "oprettet",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not getattr(instance, "kan_se_indhold", True):
            for field in INDHOLD:
                data[field] = None
        return data


class ForloebOpretSerializer(serializers.Serializer):
    borger = serializers.PrimaryKeyRelatedField(queryset=Borger.objects.none())
    mentor = serializers.PrimaryKeyRelatedField(
        queryset=Mentor.objects.none(), required=False, allow_null=True
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.none(),
        required=False,
        allow_null=True,
        help_text="Standard: sagsbehandlerens eneste team.",
    )
    formaal = serializers.ChoiceField(choices=Forloeb._meta.get_field("formaal").choices)
    maal = Tekst()
    opgaver = Tekst()
    lovgrundlag = serializers.ChoiceField(
        choices=Forloeb._meta.get_field("lovgrundlag").choices, required=False
    )
    stoettetype = serializers.ChoiceField(
        choices=Forloeb._meta.get_field("stoettetype").choices, required=False
    )
    udskrivningsdato = Dato(required=False, allow_null=True)
    optagelsesdato = Dato(required=False, allow_null=True)
    ud_over_normalt = Tekst()
    mentor_fra = Dato(required=False, allow_null=True, help_text="Mentorens første dag.")
    tilsidesaet_begrundelse = Tekst(
        write_only=True,
        help_text="Begrundelse for at tilknytte en inaktiv mentor eller en uden ledig kapacitet.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is None:
            return
        self.fields["borger"].queryset = Borger.objects.synlige_for(user)
        self.fields["mentor"].queryset = Mentor.objects.synlige_for(user)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=user.organisation_id)


class MentoraftaleSerializer(serializers.ModelSerializer):
    """The newest version of a period's agreement."""

    class Meta:
        model = Mentoraftale
        fields = [
            "id",
            "version",
            "dato",
            "aarsag",
            "mentor_navn",
            "mentor_kontakt",
            "udleveret",
            "udleveringsmaade",
        ]
        read_only_fields = fields


class BevillingSerializer(serializers.ModelSerializer):
    start = Dato()
    slut = Dato()
    kvalifikationer = Tekst(help_text="Vurdering af mentorens kvalifikationer.")
    vurdering = Tekst(help_text="Konkret vurdering; kræves for hver periode efter den første.")
    aftale = MentoraftaleSerializer(read_only=True)

    class Meta:
        model = Bevilling
        fields = [
            "id",
            "start",
            "slut",
            "timer_pr_uge",
            "kvalifikationer",
            "vurdering",
            "besluttet",
            "besluttet_af",
            "aftale",
        ]
        read_only_fields = ["besluttet", "besluttet_af"]


class MoedeSerializer(serializers.ModelSerializer):
    dato = Dato()
    deltagere = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, max_length=50
    )
    referat = Tekst()
    beslutninger = Tekst()

    class Meta:
        model = Moede
        fields = ["id", "type", "dato", "deltagere", "referat", "beslutninger", "oprettet_af"]
        read_only_fields = ["oprettet_af"]


class OpfoelgningSerializer(serializers.ModelSerializer):
    dato = Dato()
    naeste_dato = Dato(required=False, allow_null=True)
    note = Tekst()

    class Meta:
        model = Opfoelgning
        fields = [
            "id",
            "dato",
            "leveret",
            "kontakt_som_bevilget",
            "note",
            "naeste_dato",
            "udfoert_af",
        ]
        read_only_fields = ["udfoert_af"]


class MentortilknytningSerializer(serializers.ModelSerializer):
    mentor_navn = serializers.CharField(source="mentor.navn", read_only=True)

    class Meta:
        model = Mentortilknytning
        fields = ["id", "mentor", "mentor_navn", "fra", "til", "begrundelse"]
        read_only_fields = fields


class MentorskiftSerializer(serializers.Serializer):
    mentor = serializers.PrimaryKeyRelatedField(queryset=Mentor.objects.none())
    fra = Dato(
        required=False,
        allow_null=True,
        help_text="Mentorens første dag. Standard: i dag (første tilknytning: første periodes "
        "start, hvis den er begyndt).",
    )
    begrundelse = Tekst(help_text="Kræves ved mentorskifte.")
    tilsidesaet_begrundelse = Tekst()
    kvalifikationer = Tekst(
        help_text="Hvorfor den nye mentor er kvalificeret; kræves ved skifte i en bevilget periode."
    )
    ud_over_normalt = Tekst(
        help_text="Vurdering efter LAB § 169, når en virksomhed eller uddannelsesinstitution "
        "overtager."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            self.fields["mentor"].queryset = Mentor.objects.synlige_for(user)


class AfslutningSerializer(serializers.ModelSerializer):
    dato = Dato()
    aarsag = serializers.ChoiceField(
        choices=Afslutning._meta.get_field("aarsag").choices, allow_blank=True
    )
    borger_vurdering = serializers.IntegerField(
        required=False, allow_null=True, min_value=-(10**6), max_value=10**6
    )
    mentor_vurdering = serializers.IntegerField(
        required=False, allow_null=True, min_value=-(10**6), max_value=10**6
    )
    exitplan = Tekst()

    class Meta:
        model = Afslutning
        fields = [
            "id",
            "dato",
            "aarsag",
            "borger_vurdering",
            "mentor_vurdering",
            "exitplan",
            "afsluttet_af",
        ]
        read_only_fields = ["afsluttet_af"]
        validators: list = []


class FuldfoerAfslutningSerializer(serializers.Serializer):
    aarsag = serializers.ChoiceField(
        choices=Afslutning._meta.get_field("aarsag").choices, required=False, allow_blank=True
    )
    borger_vurdering = serializers.IntegerField(
        required=False, allow_null=True, min_value=-(10**6), max_value=10**6
    )
    mentor_vurdering = serializers.IntegerField(
        required=False, allow_null=True, min_value=-(10**6), max_value=10**6
    )


class AnnullerSerializer(serializers.Serializer):
    begrundelse = Tekst(required=True, allow_blank=True)


# --- Editing a course, hours, agreements, work points, reports, results ------------------

# Bounded so junk numbers are a 400 on the field, while the service's own message decides
# for values that are merely outside the rule (a score of 6, say).
HELTAL = {"min_value": -(10**6), "max_value": 10**6}


class ForloebOpdaterSerializer(serializers.Serializer):
    """PATCH of a course: the fields to change, plus the `version` the client last read."""

    version = serializers.IntegerField(
        min_value=0,
        max_value=2**31 - 1,
        help_text="Forløbets version, som klienten sidst læste (optimistisk låsning). Påkrævet.",
    )
    formaal = serializers.ChoiceField(
        choices=Forloeb._meta.get_field("formaal").choices, required=False
    )
    maal = Tekst()
    opgaver = Tekst()
    stoettetype = serializers.ChoiceField(
        choices=Forloeb._meta.get_field("stoettetype").choices, required=False
    )
    lovgrundlag = serializers.ChoiceField(
        choices=Forloeb._meta.get_field("lovgrundlag").choices, required=False
    )
    udskrivningsdato = Dato(required=False, allow_null=True)
    optagelsesdato = Dato(required=False, allow_null=True)
    ud_over_normalt = Tekst()


class TimeaendringSerializer(serializers.ModelSerializer):
    gaelder_fra = Dato()
    timer_pr_uge = serializers.DecimalField(max_digits=4, decimal_places=2)
    begrundelse = Tekst(default="")

    class Meta:
        model = Timeaendring
        fields = ["id", "bevilling", "gaelder_fra", "timer_pr_uge", "begrundelse", "besluttet_af"]
        read_only_fields = ["bevilling", "besluttet_af"]
        validators: list = []


class MentoraftaleFuldSerializer(serializers.ModelSerializer):
    """One version of the written agreement with its six elements (goal, mentor and contact,
    tasks, duration, hours, complaint guidance) and when/how it was handed to the citizen.
    A decision that changes an element makes a new version to hand out."""

    class Meta:
        model = Mentoraftale
        fields = [
            "id",
            "bevilling",
            "version",
            "dato",
            "aarsag",
            "maal",
            "mentor_navn",
            "mentor_kontakt",
            "opgaver",
            "start",
            "slut",
            "timer_pr_uge",
            "klagevejledning",
            "udleveret",
            "udleveringsmaade",
            "oprettet",
        ]
        read_only_fields = fields


class UdleveringSerializer(serializers.Serializer):
    udleveret = Dato(help_text="Datoen, aftalen blev udleveret til borgeren.")
    udleveringsmaade = serializers.ChoiceField(choices=Udleveringsmaade.choices, allow_blank=True)


class ProgressionsvurderingSerializer(serializers.ModelSerializer):
    vurderet_af = serializers.ChoiceField(choices=Vurderer.choices, allow_blank=True)
    score = serializers.IntegerField(help_text="1 = langt fra, 5 = nået.", **HELTAL)
    kommentar = Tekst()

    class Meta:
        model = Progressionsvurdering
        fields = ["id", "dato", "vurderet_af", "score", "kommentar", "registreret_af"]
        read_only_fields = ["dato", "registreret_af"]
        validators: list = []


class ArbejdspunktSerializer(serializers.ModelSerializer):
    titel = serializers.CharField(max_length=300, allow_blank=True)
    # A plain string here: the enum lives in the request of /status/ (one component per
    # choice set keeps the schema's enum names free of collisions).
    status = serializers.CharField(read_only=True, help_text="aktiv, opnaaet eller opgivet.")
    vurderinger = ProgressionsvurderingSerializer(many=True, read_only=True)

    class Meta:
        model = Arbejdspunkt
        fields = ["id", "titel", "status", "oprettet", "vurderinger"]
        read_only_fields = ["status", "oprettet"]


class ArbejdspunktStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Arbejdspunktstatus.choices, allow_blank=True)


class StatusrapportSerializer(serializers.ModelSerializer):
    tekst = Tekst(default="")

    class Meta:
        model = Statusrapport
        fields = ["id", "dato", "mentor", "tekst", "oprettet"]
        read_only_fields = ["dato", "mentor", "oprettet"]


class ResultatSerializer(serializers.ModelSerializer):
    maaned = serializers.ChoiceField(choices=Resultat.Maaned.choices)
    resultat = serializers.ChoiceField(choices=Resultattype.choices)

    class Meta:
        model = Resultat
        fields = ["id", "maaned", "resultat", "registreret", "registreret_af"]
        read_only_fields = ["registreret", "registreret_af"]
        validators: list = []
