"""List endpoints run a fixed number of queries, whatever the number of rows on the page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import aktivt_forloeb

from .conftest import registrer_forrige_uge, tilfoej_advarsler

pytestmark = pytest.mark.django_db

LISTER = [
    ("sagsbehandler", "/api/v1/borgere/"),
    ("mentorkoordinator", "/api/v1/mentorer/"),
    ("mentorkoordinator", "/api/v1/forloeb/"),
    ("sagsbehandler", "/api/v1/ugeregistreringer/"),
    ("mentorkoordinator", "/api/v1/advarsler/"),
    ("teamleder", "/api/v1/dashboard/"),
]
LOFT = 8


def _queries(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    data = response.json()
    rows = len(data["results"]) if isinstance(data, dict) and "results" in data else 0
    return len(ctx), rows


@pytest.mark.parametrize(("rolle", "url"), LISTER)
def test_liste_koerer_fast_antal_queries(verden, rolle, url):
    tilfoej_advarsler(verden)
    client = verden.klient(rolle)
    _queries(client, url)  # warm up (token row, content types)
    foer, raekker_foer = _queries(client, url)
    ekstra = [aktivt_forloeb(team=verden.team) for _i in range(6)]
    for forloeb in ekstra:
        registrer_forrige_uge(forloeb)
    verden.forloeb = {f"ekstra{i}": f for i, f in enumerate(ekstra)}
    tilfoej_advarsler(verden)
    efter, raekker_efter = _queries(client, url)
    if url.endswith("/dashboard/"):
        assert efter == foer
        return
    assert raekker_efter > raekker_foer
    assert efter == foer, (
        f"{url}: {foer} queries with {raekker_foer} rows, {efter} with {raekker_efter}"
    )
    assert efter <= LOFT
