"""The Django admin speaks Danish, also in the sections third-party apps bring (django-axes,
django-celery-beat): locale/da/LC_MESSAGES/django.po, compiled and committed,
plus small admin overrides in drift/admin.py for texts the packages hard-code."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "da" / "LC_MESSAGES"

# Identical in Danish, technical names nobody translates, or our own Danish label.
SAMME_PAA_DANSK = {"HTTP Accept", "interval", "Exchange", "ID", "id", "opgavens navn"}


def _po_entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) of the singular entries of our .po file (one line each)."""

    def unquote(value: str) -> str:
        return value.replace('\\"', '"').replace("\\\\", "\\")

    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    return [
        (unquote(msgid), unquote(msgstr))
        for msgid, msgstr in re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', text, re.M)
    ]


def test_den_kompilerede_mo_fil_svarer_til_po_filen():
    entries = _po_entries()
    assert len(entries) > 100
    with translation.override("da"):
        forkerte = [
            (msgid, msgstr, translation.gettext(msgid))
            for msgid, msgstr in entries
            if translation.gettext(msgid) != msgstr
        ]
    assert forkerte == [], "kør `make messages`"


def _tekster(label: str):
    """Every model-level text of an app: names, field labels, help texts, choice labels."""
    cfg = apps.get_app_config(label)
    if not type(cfg).__module__.startswith("core."):  # ours is written in Danish
        yield "app", cfg.verbose_name
    for model in cfg.get_models():
        if not admin.site.is_registered(model):
            continue
        yield model.__name__, model._meta.verbose_name
        yield model.__name__, model._meta.verbose_name_plural
        for f in model._meta.get_fields():
            for attr in ("verbose_name", "help_text"):
                value = getattr(f, attr, None)
                if value:
                    yield f"{model.__name__}.{f.name}", value
            if getattr(f, "name", "") == "timezone":
                continue  # time-zone names are names
            for _kode, label in getattr(f, "choices", None) or []:
                yield f"{model.__name__}.{f.name}", label


@pytest.mark.parametrize("label", ["axes", "django_celery_beat"])
def test_tredjepartsappenes_modeller_har_danske_tekster(label):
    engelsk = []
    for hvor, tekst in _tekster(label):
        with translation.override("en"):
            en = str(tekst)
        with translation.override("da"):
            da = str(tekst)
        if da == en and en not in SAMME_PAA_DANSK:
            engelsk.append(f"{hvor}: {en}")
    assert engelsk == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
        "/admin/django_celery_beat/periodictask/",
        "/admin/django_celery_beat/periodictask/add/",
        "/admin/django_celery_beat/crontabschedule/",
        "/admin/django_celery_beat/intervalschedule/add/",
    ],
)
def test_admin_sider_for_loginforsoeg_og_planlagte_opgaver_er_paa_dansk(admin_client, url):
    html = admin_client.get(url).content.decode()
    for engelsk in (
        "Periodic Tasks",
        "periodic task",
        "Access attempt",
        "access attempt",
        "Access log",
        "Task Name",
        "Scheduler",
        ">Axes<",
        "Auth Token",
        "Translation:",
        "Every minute",
        "Human readable",
    ):
        assert engelsk not in html, f"{url}: {engelsk}"
    if url == "/admin/":
        for dansk in ("Planlagte opgaver", "Loginforsøg", "Mislykkede logins"):
            assert dansk in html
