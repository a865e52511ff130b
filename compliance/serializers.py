"""API shapes for compliance flags and the team leader's figures."""

from __future__ import annotations

from rest_framework import serializers

from .models import Advarsel


class AdvarselSerializer(serializers.ModelSerializer):
    titel = serializers.SerializerMethodField()
    grundlag = serializers.SerializerMethodField()
    rettelse = serializers.SerializerMethodField()
    aaben = serializers.BooleanField(read_only=True)

    class Meta:
        model = Advarsel
        fields = [
            "id",
            "regel",
            "titel",
            "grundlag",
            "rettelse",
            "forloeb",
            "ansvarlig",
            "siden",
            "foerst_set",
            "sidst_set",
            "lukket",
            "aaben",
            "accept_begrundelse",
            "accepteret_af",
            "accepteret",
        ]
        read_only_fields = fields

    def _regel(self, obj, attr: str) -> str:
        regel = obj.regeldefinition
        return str(getattr(regel, attr)) if regel else ""

    def get_titel(self, obj) -> str:
        return self._regel(obj, "titel")

    def get_grundlag(self, obj) -> str:
        return self._regel(obj, "grundlag")

    def get_rettelse(self, obj) -> str:
        return self._regel(obj, "rettelse")
