"""API shapes of a course: read, create, edit (with version), mentor changes, end."""

from __future__ import annotations

from rest_framework import serializers

from organisation.models import Team

from ..models import (
    Afslutning,
    Borger,
    Forloeb,
    Mentor,
    Mentortilknytning,
)
from .felter import Dato, Tekst, request_user

INDHOLD = ("maal", "opgaver", "ud_over_normalt")


class ForloebSerializer(serializers.ModelSerializer):
    """A course. Goal, tasks and the beyond-the-ordinary assessment are null for a user
    who sees headlines only (the mentor coordinator)."""

    borger_navn = serializers.CharField(source="borger.navn", read_only=True)
    borger_cpr_maskeret = serializers.CharField(source="borger.cpr_maskeret", read_only=True)
    mentor_navn = serializers.CharField(
        source="mentor.navn", read_only=True, default=None, allow_null=True
    )
    # "" on a draft whose purpose is not chosen yet: said so in the schema.
    formaal = serializers.ChoiceField(
        choices=Forloeb._meta.get_field("formaal").choices, allow_blank=True, read_only=True
    )

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
        user = request_user(self)
        if user is None:
            return
        self.fields["borger"].queryset = Borger.objects.synlige_for(user)
        self.fields["mentor"].queryset = Mentor.objects.synlige_for(user)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=user.organisation_id)


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
        user = request_user(self)
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
