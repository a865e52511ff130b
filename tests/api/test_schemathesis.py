"""Property-based run of every operation in /api/schema/ with an authenticated caseworker
(schemathesis, bounded examples): never a 5xx, and responses match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from mentorsag.wsgi import application

from .conftest import bygget_verden, tilfoej_advarsler

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def api_schema(transactional_db):
    return schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def token(transactional_db):
    cache.clear()
    verden = tilfoej_advarsler(bygget_verden())
    user = verden.brugere["sagsbehandler"]
    return Token.objects.get_or_create(user=user)[0].key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_svarer_aldrig_5xx_og_foelger_skemaet(case, token):
    cache.clear()  # the token endpoint's throttle must not turn the run into 429s only
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
