"""API shapes for week registrations. Types only; the rules live in services.registrer_uge."""

from __future__ import annotations

from rest_framework import serializers

from forloeb.models import Forloeb
from forloeb.selectors import synlige_koder
from forloeb.serializers import Dato, Tekst

from .models import Kontakt, Ugeregistrering


class KontaktSerializer(serializers.ModelSerializer):
    dato = Dato()
    minutter = serializers.IntegerField(min_value=-10_080, max_value=10_080)
    form = serializers.CharField(max_length=32, allow_blank=True)
    emner = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, max_length=20
    )

    class Meta:
        model = Kontakt
        fields = ["dato", "minutter", "form", "emner"]


class UgeregistreringSerializer(serializers.ModelSerializer):
    forloeb = serializers.PrimaryKeyRelatedField(queryset=Forloeb.objects.none())
    aar = serializers.IntegerField(min_value=2000, max_value=2100)
    uge = serializers.IntegerField(min_value=1, max_value=53)
    kontakter = KontaktSerializer(many=True, required=False, max_length=100)
    ingen_kontakt_aarsag = Tekst(max_length=32)
    ingen_kontakt_note = Tekst(max_length=1000)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text=(
            "Versionen af din registrering af ugen, som ændringen bygger på (optimistisk "
            "låsning). Udelad kun ved din første registrering af ugen; er ugen registreret, "
            "afvises en skrivning uden den rigtige version med 409."
        ),
    )
    timer = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True)

    class Meta:
        model = Ugeregistrering
        fields = [
            "id",
            "forloeb",
            "aar",
            "uge",
            "uge_start",
            "mentor",
            "kontakter",
            "ingen_kontakt_aarsag",
            "ingen_kontakt_note",
            "minutter_i_alt",
            "timer",
            "registreret",
            "godkendt",
            "godkendt_af",
            "version",
        ]
        read_only_fields = [
            "uge_start",
            "mentor",
            "minutter_i_alt",
            "registreret",
            "godkendt",
            "godkendt_af",
        ]
        validators: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["forloeb"].queryset = Forloeb.objects.synlige_for(request.user)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        for kontakt in data["kontakter"]:
            kontakt["emner"] = synlige_koder(request.user, kontakt["emner"]) if request else []
        return data


class GenaabnSerializer(serializers.Serializer):
    begrundelse = Tekst()
