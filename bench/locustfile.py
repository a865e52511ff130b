"""Locust users for bench/bench_load.py: mentors registering, caseworkers browsing,
coordinators on the roster and waiting list, team leaders on the dashboard, its drill-down
lists and their CSV export. The user names come from the JSON file in BENCH_USERS (written
by bench_load.py). Cookies are sent by hand: production cookies are Secure, and the load
test talks plain HTTP on loopback (SECURE_SSL_REDIRECT=false), where a cookie jar would
withhold them.

Every request is also written to BENCH_SAMPLES (CSV: seconds since start, name, wall ms,
the server's CPU ms from its Server-Timing header, error), for the CPU table and the
first minute's figures.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import random
import re
import time
from datetime import date

from locust import HttpUser, between, events, task

ROLES = ("mentorer", "sagsbehandlere", "koordinatorer", "teamledere")
# Each simulated person is a different user (one browser session per person).
_NEXT = {role: itertools.count() for role in ROLES}
USERS = json.loads(open(os.environ["BENCH_USERS"], encoding="utf-8").read())  # noqa: SIM115
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VIS_RE = re.compile(r'href="(/tid/min-uge/\?(?:[^"]*&amp;)?vis=\d+)#')
KONTAKT_RE = re.compile(
    r'name="forloeb" value="(\d+)"><input type="hidden" name="aar" value="(\d+)">'
    r'<input type="hidden" name="uge" value="(\d+)">\s*<input type="hidden" name="version" '
    r'value="(\d*)"><input type="hidden" name="handling" value="kontakt">'
)


CPU_RE = re.compile(r"cpu;dur=([0-9.]+)")
_START = time.monotonic()
_SAMPLES: list[tuple] = []


@events.request.add_listener
def _sample(request_type, name, response_time, response_length, response, exception, **kw):
    cpu = ""
    if response is not None:
        found = CPU_RE.search(response.headers.get("Server-Timing", ""))
        cpu = found.group(1) if found else ""
    _SAMPLES.append((f"{time.monotonic() - _START:.2f}", name, f"{response_time:.1f}", cpu,
                     "1" if exception else ""))  # fmt: skip


@events.quitting.add_listener
def _write_samples(environment, **kw):
    path = os.environ.get("BENCH_SAMPLES")
    if path:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(_SAMPLES)


class Bruger(HttpUser):
    abstract = True
    wait_time = between(1, 5)
    rolle = ""

    def on_start(self):
        # A session made beforehand (bench_load.py, with the server's settings): logging in
        # costs ~1 s of PBKDF2 by design and is not part of the working day being measured.
        pool = USERS[self.rolle]
        self.info = pool[next(_NEXT[self.rolle]) % len(pool)]
        self.cookies: dict[str, str] = {"sessionid": self.info["session"]}

    @task(1)
    def gulv(self):
        # The floor: a logged-in user asking for the login page gets a redirect.
        self.get("/log-ind/", name="gulv: /log-ind/ (omdirigering)")

    def _headers(self):
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _keep(self, response):
        for r in [*response.history, response]:
            for name, value in r.cookies.items():
                self.cookies[name] = value
        return response

    def _check(self, response, name):
        # A session the server does not know answers every page with the login page (floor)
        # or a redirect to it: that is a failed run, not a fast one.
        floor = name.startswith("gulv")
        if floor and response.status_code != 302:
            response.failure(f"gulvet svarede {response.status_code}, ikke omdirigering")
        elif response.headers.get("Location", "").startswith("/log-ind/"):
            response.failure("omdirigeret til log ind: sessionen gælder ikke")
        return self._keep(response)

    def get(self, url, name):
        with self.client.get(url, headers=self._headers(), name=name, allow_redirects=False,
                             catch_response=True) as response:  # fmt: skip
            return self._check(response, name)

    def post(self, url, data, name):
        headers = {**self._headers(), "Referer": self.host + url}
        with self.client.post(url, data=data, headers=headers, name=name, allow_redirects=False,
                              catch_response=True) as response:  # fmt: skip
            return self._check(response, name)


class Mentor(Bruger):
    weight = 110
    rolle = "mentorer"

    @task(3)
    def min_uge(self):
        self.get("/tid/min-uge/", name="mentor: Min uge")

    @task(1)
    def registrer(self):
        page = self.get("/tid/min-uge/", name="mentor: Min uge")
        # The list shows a "Registrér" link per citizen; the form opens for that one.
        links = VIS_RE.findall(page.text)
        if links:
            url = random.choice(links).replace("&amp;", "&")
            page = self.get(url, name="mentor: Min uge, én borger åben")
        forms = KONTAKT_RE.findall(page.text)
        token = CSRF_RE.search(page.text)
        if not forms or not token:
            return
        forloeb, aar, uge, version = random.choice(forms)
        prefix = f"f{forloeb}"
        # The date the form offers (today, or the period's last day if it ended this week).
        found = re.search(rf'name="{prefix}-dato" value="([0-9-]+)"', page.text)
        dato = found.group(1) if found else date.today().isoformat()
        self.post(
            "/tid/min-uge/",
            {
                "csrfmiddlewaretoken": token.group(1), "forloeb": forloeb, "aar": aar,
                "uge": uge, "version": version, "handling": "kontakt",
                f"{prefix}-dato": dato, f"{prefix}-minutter": "30",
                f"{prefix}-form": "telefon", f"{prefix}-emner": "struktur",
            },
            name="mentor: registrér kontakt (POST)",
        )  # fmt: skip


class Sagsbehandler(Bruger):
    weight = 66
    rolle = "sagsbehandlere"

    @task(2)
    def liste(self):
        self.get("/forloeb/", name="sagsbehandler: forløbsliste")

    @task(3)
    def forloeb(self):
        pk = random.choice(self.info["forloeb"])
        self.get(f"/forloeb/{pk}/", name="sagsbehandler: forløbsside")

    @task(1)
    def arbejdsliste(self):
        self.get("/forloeb/arbejdsliste/", name="sagsbehandler: arbejdsliste")


class Koordinator(Bruger):
    weight = 12
    rolle = "koordinatorer"

    @task(2)
    def mentorer(self):
        self.get("/forloeb/mentorer/", name="koordinator: mentorer")

    @task(1)
    def venteliste(self):
        self.get("/forloeb/venteliste/", name="koordinator: venteliste")


# The dashboard's numbers a leader clicks on most (the drill-down list behind each).
MAAL = ("aktive", "udloeber", "overbelastet", "trepart_sent")


class Teamleder(Bruger):
    weight = 12
    rolle = "teamledere"

    @task(3)
    def dashboard(self):
        self.get("/compliance/", name="teamleder: dashboard")

    @task(2)
    def drill(self):
        maal = random.choice(MAAL)
        self.get(f"/compliance/forloeb/?maal={maal}", name="teamleder: drill-down-liste")

    @task(1)
    def eksport(self):
        maal = random.choice(MAAL[1:])
        self.get(f"/compliance/forloeb/eksport.csv?maal={maal}", name="teamleder: CSV-eksport")
