"""The load benchmark's CPU timing header: only when switched on."""

import re

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_uden_cpu_timing_sendes_ingen_server_timing():
    response = Client().get("/log-ind/")
    assert response.status_code == 200
    assert "Server-Timing" not in response


@override_settings(CPU_TIMING=True)
def test_med_cpu_timing_faar_hvert_svar_sin_cpu_tid():
    # A new Client builds its middleware chain under the setting.
    response = Client().get("/log-ind/")
    assert response.status_code == 200
    assert re.fullmatch(r"cpu;dur=\d+\.\d\d", response["Server-Timing"])
