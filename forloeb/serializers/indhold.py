"""API shapes of a course's content: periods, hours, agreements, meetings, follow-up, outcomes."""

from __future__ import annotations

from rest_framework import serializers

from ..models import (
    Arbejdspunkt,
    Bevilling,
    Mentoraftale,
    Moede,
    Opfoelgning,
    Progressionsvurdering,
    Resultat,
    Statusrapport,
    Timeaendring,
)
from ..models.choices import (
    Arbejdspunktstatus,
    Resultattype,
    Udleveringsmaade,
    Vurderer,
)
from .felter import HELTAL, Dato, Tekst


class MentoraftaleSerializer(serializers.ModelSerializer):
    """The newest version of a period's agreement."""

    # "" until the agreement is handed out: said so in the schema.
    udleveringsmaade = serializers.ChoiceField(
        choices=Udleveringsmaade.choices, allow_blank=True, read_only=True
    )

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

    # "" until the agreement is handed out: said so in the schema.
    udleveringsmaade = serializers.ChoiceField(
        choices=Udleveringsmaade.choices, allow_blank=True, read_only=True
    )

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
