"""What every Mentorsag API endpoint shares: error mapping, paging and access logging.

The API is a door into the same services the screens use. This module keeps that door
uniform: a service's `ValidationError({field: message})` becomes a 400 naming the field,
`PermissionDenied` a 403, a row outside the user's scope a 404, and no input a 500.
Who may call an endpoint is decided by `organisation.permissions.HarSagsrolle`, the
default permission class in settings.
"""

from __future__ import annotations

import logging

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .adgang import Adgangsnoter, Handling
from .http import client_ip

logger = logging.getLogger(__name__)

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


# --- Errors ------------------------------------------------------------------------------


def validation_detail(exc: DjangoValidationError, rename: dict[str, str] | None = None) -> dict:
    """A Django ValidationError as DRF's {field: [messages]} body."""
    rename = rename or {}
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = NON_FIELD if field == NON_FIELD_ERRORS else rename.get(field, field)
            detail.setdefault(key, []).extend(messages)
        return detail
    return {NON_FIELD: exc.messages}


class Konflikt(exceptions.APIException):
    """409: the write would overwrite what someone else saved since the client read it."""

    status_code = 409
    default_code = "konflikt"


def er_konflikt(exc: DjangoValidationError) -> bool:
    errors = (
        [e for errs in exc.error_dict.values() for e in errs]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    return any(getattr(e, "code", None) == "konflikt" for e in errors)


def call_service(call, **rename):
    """Run a service; its ValidationError becomes a DRF 400 naming the API's fields, or a
    409 when it refuses to overwrite a newer version."""
    try:
        return call()
    except DjangoValidationError as exc:
        detail = validation_detail(exc, rename)
        if er_konflikt(exc):
            raise Konflikt(detail) from None
        raise exceptions.ValidationError(detail) from None


def exception_handler(exc, context):
    """DRF's handler, plus: Django ValidationError → 400 with field names; database
    refusals of malformed input (out-of-range numbers, constraint races) → 400."""
    if isinstance(exc, DjangoValidationError):
        detail = validation_detail(exc)
        exc = Konflikt(detail) if er_konflikt(exc) else exceptions.ValidationError(detail)
    elif isinstance(exc, DataError | IntegrityError):
        logger.warning("API input refused by the database: %s", type(exc).__name__)
        exc = exceptions.ValidationError({NON_FIELD: [_("Ugyldige data.")]})
    return drf_exception_handler(exc, context)


# --- Filters, paging and logging ----------------------------------------------------------


# A filter given with no value (`?borger=`) is a 400, as the schema's types say: django-filter
# would quietly drop it and answer the unfiltered list. Absent filters are not affected.
TOM_FILTERVAERDI = "Angiv en værdi, eller udelad parameteren."


def _ikke_tom(field_class):
    class Felt(field_class):
        def clean(self, value):
            if value == "":
                raise DjangoValidationError(_(TOM_FILTERVAERDI), code="tom")
            return super().clean(value)

    Felt.__name__ = f"Ikke tom {field_class.__name__}"
    return Felt


@extend_schema_field(OpenApiTypes.INT)
class HeltalFilter(django_filters.NumberFilter):
    """A whole number (no decimals or exponents), typed integer in the schema."""

    field_class = _ikke_tom(forms.IntegerField)


class ValgFilter(django_filters.ChoiceFilter):
    """One of a code list (its enum in the schema); an empty value is refused."""

    field_class = _ikke_tom(django_filters.fields.ChoiceField)


class IdFilter(HeltalFilter):
    """An id."""


class Sidenummerering(PageNumberPagination):
    """Pages of 50; `page_size` a whole number from 1 (more than 200 gives 200). Anything
    else is a 400 (REST framework would silently use the default), as the schema says."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Angiv antal pr. side som et helt tal.")]}
            )
        return min(int(raw), self.max_page_size)

    def get_page_number(self, request, paginator):
        # An empty or non-numeric page is refused (REST framework would give page 1).
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings and not raw.isdigit():
            raise exceptions.NotFound(_("Ugyldig side."))
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1)
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


class ApiMixin:
    """Base for every Mentorsag API view: error mapping, paging, access logging.

    Every successful GET is logged: with what the view noted (`noter_visning`, naming the
    citizen or course), or else as one row naming the path, so a view cannot forget it.
    Other methods write what they noted (e.g. a CPR search sent by POST).
    """

    pagination_class = Sidenummerering

    def get_exception_handler(self):
        return exception_handler

    def initial(self, request, *args, **kwargs):
        request.adgang = Adgangsnoter(request)
        super().initial(request, *args, **kwargs)

    def noter_visning(
        self, *, borger=None, forloeb=None, beskrivelse: str = "", handling=Handling.API_LAES
    ) -> None:
        self.request.adgang.noter_visning(
            handling,
            borger=borger,
            forloeb=forloeb,
            beskrivelse=beskrivelse or f"API {self.request.path}",
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        noter = getattr(request, "adgang", None)
        if noter is not None and response.status_code < 400:
            if request.method == "GET" and not noter.noter:
                noter.noter_visning(Handling.API_LAES, beskrivelse=f"API {request.path}")
            noter.skriv()
        return response

    def client_ip(self) -> str | None:
        return client_ip(self.request)
