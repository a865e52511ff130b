"""API shapes of citizens and mentors. Types only; the rules live in forloeb.services."""

from __future__ import annotations

from rest_framework import serializers

from ..models import (
    Borger,
    Mentor,
)
from ..selectors import synlige_koder
from .felter import request_user


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
            "oensket_koen",
            "oensket_alder",
            "oprettet",
        ]
        read_only_fields = ["foedselsdato", "oprettet"]
        extra_kwargs = {"navn": {"allow_blank": True}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = request_user(self)
        data["problemomraader"] = synlige_koder(user, data["problemomraader"]) if user else []
        return data


class CprSoegningSerializer(serializers.Serializer):
    cpr = serializers.CharField(max_length=20, help_text="CPR-nummer, fx 010190-1234.")


class MentorSerializer(serializers.ModelSerializer):
    belastning = serializers.IntegerField(read_only=True)

    class Meta:
        model = Mentor
        fields = [
            "id",
            "navn",
            "type",
            "arbejdsgiver",
            "leverandoer",
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
