"""Mentors in the API, with their load against their capacity."""

from __future__ import annotations

import django_filters
from rest_framework import viewsets

from core.api import ApiMixin, ValgFilter

from ..models import (
    Mentor,
    MentorType,
)
from ..serializers import (
    MentorSerializer,
)


class MentorFilter(django_filters.FilterSet):
    aktiv = django_filters.BooleanFilter()
    type = ValgFilter(choices=MentorType.choices)

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
