"""Field types every API shape shares: dates in 1900-2100, free text the services limit."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from rest_framework import serializers

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


def request_user(serializer):
    """The requesting user; None when the serializer is built without a request (schema)."""
    request = serializer.context.get("request")
    return getattr(request, "user", None)


# Bounded so junk numbers are a 400 on the field, while the service's own message decides
# for values that are merely outside the rule (a score of 6, say).
HELTAL = {"min_value": -(10**6), "max_value": 10**6}
