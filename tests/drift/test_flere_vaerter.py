"""Two web hosts (gunicorn on two ports) and two workers on one PostgreSQL and one Redis
behave as one: a session made on one host works on the other, the API's throttle counts
across both, and the nightly scan's parts are spread over the workers, each run once,
giving the flags of a single scan."""

from __future__ import annotations

import http.client
import json
import re
from urllib.parse import urlencode

import pytest
from celery import Celery
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction

from compliance import services
from compliance.models import Advarsel, Scankoersel
from organisation.models import Rolle
from tests.compliance.conftest import kompliant_forloeb, seneste_torsdag
from tests.conftest import wait_until
from tests.factories import PASSWORD, user_with_role

from .prosesser import Gunicorn, Redis, miljoe, processed_ids, worker

ARBEJDSLISTE = "/forloeb/arbejdsliste/"
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _kald(port, method, path, *, cookies="", data=None, json_body=None):
    token = "t" * 32
    headers = {"Cookie": f"csrftoken={token}; {cookies}", "X-CSRFToken": token}
    body = None
    if data is not None:
        body = urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if json_body is not None:
        body = json.dumps(json_body)
        headers["Content-Type"] = "application/json"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        svar = conn.getresponse()
        return svar.status, svar.read().decode(), svar.getheader("Set-Cookie", "")
    finally:
        conn.close()


def test_to_webvaerter_og_to_workere_opfoerer_sig_som_en(tmp_path, processer):
    workdir = tmp_path
    kurs = [kompliant_forloeb(seneste_torsdag()) for _ in range(3)]
    from forloeb.models import Forloeb

    Forloeb.objects.filter(pk=kurs[1].pk).update(opgaver="")
    kurs[2].statusrapporter.all().delete()
    sb = user_with_role(Rolle.SAGSBEHANDLER, team=kurs[0].team)
    # The suite hashes with MD5 for speed; the hosts know only Django's default hashers.
    sb.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    sb.save(update_fields=["password"])
    with transaction.atomic():
        services.scan()
        forventet = set(Advarsel.objects.aabne().values_list("regel", "forloeb_id"))
        transaction.set_rollback(True)
    assert forventet

    redis = Redis(workdir).start()
    processer.append(redis)
    env = miljoe(redis.url)
    a, b = Gunicorn(env, workdir, "a"), Gunicorn(env, workdir, "b")
    w1, w2 = worker(env, workdir, "en"), worker(env, workdir, "to")
    for proces in (a, b, w1, w2):
        processer.append(proces.start())

    # A session made on host A is the same session on host B.
    status, _, cookie = _kald(
        a.port, "POST", "/log-ind/", data={"username": sb.username, "password": PASSWORD}
    )
    assert status == 302, status
    session = re.search(r"sessionid=([^;]+)", cookie).group(1)
    assert _kald(b.port, "GET", ARBEJDSLISTE, cookies="")[0] == 302  # to the login page
    status, side, _ = _kald(b.port, "GET", ARBEJDSLISTE, cookies=f"sessionid={session}")
    assert status == 200 and "Log ud" in side, status

    # The token endpoint's 20 a minute is counted across both hosts (the cache is shared).
    svar = [
        _kald(
            (a, b)[i % 2].port, "POST", "/api/v1/auth/token/",
            json_body={"username": sb.username, "password": PASSWORD},
        )[0]
        for i in range(21)
    ]  # fmt: skip
    assert svar[:20].count(429) == 0 and svar[20] == 429, svar

    # The nightly scan in parts over both workers: each part once, the single scan's flags.
    Celery(broker=redis.url, set_as_current=False).send_task("compliance.scan")
    wait_until(lambda: Scankoersel.objects.filter(afsluttet__isnull=False).exists(), timeout=120)
    assert set(Advarsel.objects.aabne().values_list("regel", "forloeb_id")) == forventet
    koersel = Scankoersel.objects.get()
    dele = processed_ids(w1.output(), "compliance.scan_del") + processed_ids(
        w2.output(), "compliance.scan_del"
    )
    assert len(dele) == len(set(dele)) == koersel.dele
