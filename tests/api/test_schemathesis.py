"""Property-based run of every operation in /api/schema/ with an authenticated caseworker
(schemathesis, bounded examples): never a 5xx, and responses match the schema.

Schemathesis' own pytest integration does not run under pytest 9, so the operations are
iterated here and each one is driven by its hypothesis strategy."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from mentorsag.wsgi import application

from .conftest import api_token, bygget_verden, tilfoej_advarsler

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EKSEMPLER_PR_OPERATION = 15


def test_api_svarer_aldrig_5xx_og_foelger_skemaet(transactional_db):
    cache.clear()
    verden = tilfoej_advarsler(bygget_verden())
    token = api_token(verden.brugere["sagsbehandler"])
    headers = {"Authorization": f"Token {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EKSEMPLER_PR_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def koer(case):
            cache.clear()  # the token endpoint's throttle must not turn the run into 429s
            case.call_and_validate(headers=headers, checks=CHECKS)

        koer()
