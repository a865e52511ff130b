"""The administrator's import screen: upload -> worker -> progress -> report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from drift.models import OutboxMessage
from forloeb.models import Forloeb
from indlaesning.models import Indlaesning
from indlaesning.tasks import koer_indlaesning
from organisation.models import Rolle
from tests.factories import user_with_role

from .test_import import EKSEMPEL, kommune  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
KBH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def klokken():
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, 0, tzinfo=KBH), tick=False):
        yield


def _upload(client, **felter):
    return client.post(
        reverse("indlaesning:upload"),
        {
            "forloebsfil": SimpleUploadedFile(
                "eksempel_forloeb.csv", (EKSEMPEL / "eksempel_forloeb.csv").read_bytes()
            ),
            "ugefil": SimpleUploadedFile(
                "eksempel_uger.csv", (EKSEMPEL / "eksempel_uger.csv").read_bytes()
            ),
            **felter,
        },
    )


def test_upload_koeres_af_en_worker_og_viser_rapporten(client, kommune):  # noqa: F811
    admin = user_with_role(Rolle.ADMINISTRATOR, team=kommune.team)
    client.force_login(admin)
    svar = _upload(client, gem="on")
    koersel = Indlaesning.objects.get()
    assert svar.url == reverse("indlaesning:status", args=[koersel.pk])
    assert OutboxMessage.objects.filter(task_name="indlaesning.koer").exists()
    venter = client.get(svar.url).content.decode()
    assert "<progress" in venter and 'http-equiv="refresh"' in venter
    assert not Forloeb.objects.exists()

    koer_indlaesning(indlaesning_id=koersel.pk)
    koersel.refresh_from_db()
    assert (koersel.status, koersel.skrevet, koersel.oprettet_antal) == ("faerdig", True, 2)
    assert bytes(koersel.forloebsfil) == b""  # the CPR numbers are not kept
    assert Forloeb.objects.count() == 2
    side = client.get(svar.url).content.decode()
    assert "2 oprettet, 0 opdateret, 0 uændret, 0 med fejl." in side and "<progress" not in side
    csv = client.get(reverse("indlaesning:rapport_csv", args=[koersel.pk]))
    assert "MS-2026-001;oprettet" in csv.content.decode("utf-8-sig")


def test_en_proevekoersel_fra_skaermen_gemmer_intet_men_viser_fejlene(client, kommune):  # noqa: F811
    admin = user_with_role(Rolle.ADMINISTRATOR, team=kommune.team)
    client.force_login(admin)
    kommune.lene.email = "flyttet@kommune.invalid"
    kommune.lene.save()
    _upload(client)
    koersel = Indlaesning.objects.get()
    koer_indlaesning(indlaesning_id=koersel.pk)
    koersel.refresh_from_db()
    assert not koersel.skrevet and not Forloeb.objects.exists()
    side = client.get(reverse("indlaesning:status", args=[koersel.pk])).content.decode()
    assert "Ukendt mentor »lene.larsen@kommune.invalid«" in side
    assert "Intet er gemt." in side


def test_kun_administratoren_maa_indlaese(client, kommune):  # noqa: F811
    client.force_login(kommune.sb)
    assert client.get(reverse("indlaesning:upload")).status_code == 403


def test_en_fil_med_forkert_endelse_afvises_paa_formularen(client, kommune):  # noqa: F811
    admin = user_with_role(Rolle.ADMINISTRATOR, team=kommune.team)
    client.force_login(admin)
    svar = client.post(
        reverse("indlaesning:upload"),
        {"forloebsfil": SimpleUploadedFile("forloeb.pdf", b"%PDF")},
    )
    assert svar.status_code == 200
    assert "Filen skal være en CSV-fil (.csv) eller et Excel-regneark (.xlsx)." in (
        svar.content.decode()
    )
    assert not Indlaesning.objects.exists()
