"""The gunicorn worker's warm-up: it runs against the real database and every template."""

import logging

import pytest

from core.opvarmning import varm_op

pytestmark = pytest.mark.django_db


def test_opvarmningen_indlaeser_alle_skabeloner_uden_fejl(caplog):
    with caplog.at_level(logging.WARNING, logger="core.opvarmning"):
        varm_op()
    # A template that does not compile would start every worker with a warning.
    assert caplog.records == []
