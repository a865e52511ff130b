"""Hardening a user (or an attacker) would notice: lockout, idle timeout, CSP, cookies,
CSRF, password rules, and a production configuration that `check --deploy` accepts."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation.models import Rolle
from tests.factories import PASSWORD, user_with_role

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_ti_forkerte_logins_laaser_kontoen_og_laasningen_logges(client, applog):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    login = reverse("login")
    for _ in range(10):
        response = client.post(login, {"username": user.username, "password": "forkert"})
    attempt = AccessAttempt.objects.get(username=user.username)
    assert attempt.failures_since_start == 10
    assert "Locking out" in applog.getvalue()

    response = client.post(login, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Kontoen er midlertidigt låst" in html
    assert '<html lang="da"' in html
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(reverse("forloeb:arbejdsliste")).status_code == 302


@pytest.mark.django_db
def test_ni_forkerte_logins_laaser_ikke(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    for _ in range(9):
        client.post(reverse("login"), {"username": user.username, "password": "forkert"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == user


def _session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


@pytest.mark.django_db
def test_session_udloeber_efter_30_minutters_inaktivitet(client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    user = user_with_role(Rolle.SAGSBEHANDLER)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    page = reverse("forloeb:arbejdsliste")

    # 29 minutes idle: still logged in, and the request renews the 30 minutes.
    Session.objects.filter(pk=_session(client).pk).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get(page).status_code == 200
    renewed = _session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < renewed <= timedelta(minutes=30)

    # 30 minutes idle: the session is gone and the page sends the user to log in.
    Session.objects.filter(pk=_session(client).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_sessionscookie_er_httponly_og_csrf_kraeves(client):
    user = user_with_role(Rolle.SAGSBEHANDLER)
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["login", "forloeb:arbejdsliste"])
def test_csp_header_uden_unsafe_inline(client, url_name):
    if url_name != "login":
        client.force_login(user_with_role(Rolle.SAGSBEHANDLER))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_svage_adgangskoder_afvises():
    for weak in ("12345678", "password", "kort"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)


def test_check_deploy_i_produktion_melder_intet():
    env = dict(
        os.environ,
        MENTORSAG_MODE="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        CPR_KEY=secrets.token_urlsafe(32),
        CPR_HASH_KEY=secrets.token_urlsafe(32),
        ALLOWED_HOSTS="mentorsag.kommune.dk",
    )
    # Test-process settings that a deployment does not have (the browser tests set the
    # async flag for Playwright in this same process).
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
