"""The cache lives in Redis, so every web process sees the same throttle counts, and a
missing Redis makes it behave as empty instead of failing requests."""

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_cachen_er_delt_i_redis_og_ikke_i_processen():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend == "core.cache.TaalsomRedisCache"
    # Another database than the broker's: clearing the cache must not flush the queue.
    assert settings.CACHES["default"]["LOCATION"] != settings.CELERY_BROKER_URL
    cache.set("delt-noegle", 42)
    from core.cache import TaalsomRedisCache

    # A second client (as in another web process) reads what the first wrote.
    anden = TaalsomRedisCache(settings.CACHES["default"]["LOCATION"], {"KEY_PREFIX": "mentorsag"})
    assert anden.get("delt-noegle") == 42


UDEN_REDIS = {
    "default": {
        "BACKEND": "core.cache.TaalsomRedisCache",
        "LOCATION": "redis://127.0.0.1:1/1",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_uden_redis_er_cachen_tom_og_svarer_stadig():
    with override_settings(CACHES=UDEN_REDIS):  # Django resets its cache handler
        ubrugelig = caches["default"]
        assert ubrugelig.get("x") is None
        assert ubrugelig.get("x", "standard") == "standard"
        assert ubrugelig.set("x", 1) is None
        assert ubrugelig.add("x", 1) is False
        assert ubrugelig.get_many(["x"]) == {}


def test_token_endpointets_begraensning_svarer_uden_redis():
    from rest_framework.test import APIClient

    with override_settings(CACHES=UDEN_REDIS):
        svar = APIClient().post(
            "/api/v1/auth/token/", {"username": "ingen", "password": "forkert"}, format="json"
        )
    # Refused as a wrong login, not a 500 from the throttle's cache.
    assert svar.status_code in {400, 401, 403}, svar.status_code
