"""The change history of one course and its records, read from django-simple-history.

One query per historical table (plus one per kind of referenced object), diffed in
Python: who, when, which record, and each field's value before and after.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forloeb.models import (
    Afslutning,
    Arbejdspunkt,
    Bevilling,
    Borger,
    Forloeb,
    Mentoraftale,
    Mentortilknytning,
    Moede,
    Opfoelgning,
    Statusrapport,
    Timeaendring,
)

# Bookkeeping fields that say nothing a reader needs.
SKJULTE_FELTER = {
    "id",
    "organisation",
    "forloeb",
    "bevilling",
    "registrering",
    "oprettet",
    "registreret",
    "aendret",
    "version",
    "cpr_hash",
    "cpr_krypteret",
}

# Fields declared without a verbose_name show their ASCII name ("udfoert af"); readers
# get proper Danish.
FELTNAVNE = {
    "oprettet_af": gettext_lazy("oprettet af"),
    "besluttet_af": gettext_lazy("besluttet af"),
    "udfoert_af": gettext_lazy("udført af"),
    "registreret_af": gettext_lazy("registreret af"),
    "afsluttet_af": gettext_lazy("afsluttet af"),
    "godkendt_af": gettext_lazy("godkendt af"),
    "genaabnet_af": gettext_lazy("genåbnet af"),
}

HANDLINGER = {
    "+": gettext_lazy("oprettet"),
    "~": gettext_lazy("ændret"),
    "-": gettext_lazy("slettet"),
}


@dataclass
class Feltaendring:
    felt: str
    foer: str
    efter: str


@dataclass
class Aendring:
    tidspunkt: datetime
    bruger: str
    objekt: str
    handling: str
    felter: list[Feltaendring] = field(default_factory=list)
    begrundelse: str = ""


def _history_model(model):
    return model.history.model


def _visible_fields(model) -> list[models.Field]:
    hist = _history_model(model)
    names = {f.name for f in hist._meta.fields}
    return [
        f for f in model._meta.concrete_fields if f.name in names and f.name not in SKJULTE_FELTER
    ]


def _kilder(forloeb: Forloeb) -> list[tuple[type[models.Model], dict]]:
    """(model, filter on its historical table) for every record that belongs to the course."""
    bevilling_ids = list(
        _history_model(Bevilling)
        .objects.filter(forloeb_id=forloeb.pk)
        .values_list("id", flat=True)
        .distinct()
    )
    kilder: list[tuple[type[models.Model], dict]] = [
        (Forloeb, {"id": forloeb.pk}),
        (Borger, {"id": forloeb.borger_id}),
        (Mentortilknytning, {"forloeb_id": forloeb.pk}),
        (Bevilling, {"forloeb_id": forloeb.pk}),
        (Timeaendring, {"bevilling_id__in": bevilling_ids}),
        (Mentoraftale, {"bevilling_id__in": bevilling_ids}),
        (Moede, {"forloeb_id": forloeb.pk}),
        (Arbejdspunkt, {"forloeb_id": forloeb.pk}),
        (Statusrapport, {"forloeb_id": forloeb.pk}),
        (Opfoelgning, {"forloeb_id": forloeb.pk}),
        (Afslutning, {"forloeb_id": forloeb.pk}),
    ]
    if apps.is_installed("tidsregistrering"):
        Ugeregistrering = apps.get_model("tidsregistrering", "Ugeregistrering")
        kilder.append((Ugeregistrering, {"forloeb_id": forloeb.pk}))
    return kilder


def _feltnavn(f: models.Field) -> str:
    if f.name in FELTNAVNE and f.verbose_name == f.name.replace("_", " "):
        return str(FELTNAVNE[f.name])
    return str(f.verbose_name)


def _format(f: models.Field, value, refs: dict) -> str:
    if value is None or value == "" or value == []:
        return ""
    if f.is_relation:
        return refs.get(f.related_model, {}).get(value, f"#{value}")
    if isinstance(f, ArrayField):
        labels = dict(f.base_field.choices or [])
        return ", ".join(str(labels.get(v, v)) for v in value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return formats.localize(value)


def _objekt_label(model, row: dict) -> str:
    name = str(model._meta.verbose_name)
    name = name[:1].upper() + name[1:]
    for attr in ("dato", "start", "fra", "gaelder_fra"):
        value = row.get(attr)
        if isinstance(value, date):
            return f"{name} {value:%d.%m.%Y}"
    if "aar" in row and "uge" in row:
        return _("%(navn)s uge %(uge)s/%(aar)s") % {
            "navn": name,
            "uge": row["uge"],
            "aar": row["aar"],
        }
    return f"{name} #{row['id']}"


def forloeb_historik(forloeb: Forloeb) -> list[Aendring]:
    """Every recorded change to the course and its records, newest first."""
    rows_by_model: list[tuple[type[models.Model], list[models.Field], list[dict]]] = []
    ref_ids: dict[type[models.Model], set] = defaultdict(set)
    User = get_user_model()
    for model, filters in _kilder(forloeb):
        fields = _visible_fields(model)
        rows = list(
            _history_model(model)
            .objects.filter(**filters)
            .order_by("id", "history_date", "history_id")
            .values()
        )
        rows_by_model.append((model, fields, rows))
        for row in rows:
            if row["history_user_id"]:
                ref_ids[User].add(row["history_user_id"])
            for f in fields:
                if f.is_relation and row.get(f.attname) is not None:
                    ref_ids[f.related_model].add(row[f.attname])
    refs = {
        model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
        for model, ids in ref_ids.items()
        if ids
    }

    aendringer: list[Aendring] = []
    for model, fields, rows in rows_by_model:
        previous: dict | None = None
        for row in rows:
            if previous is not None and previous["id"] != row["id"]:
                previous = None
            felter = []
            for f in fields:
                efter = _format(f, row.get(f.attname), refs)
                foer = _format(f, previous.get(f.attname), refs) if previous else ""
                if row["history_type"] == "-":
                    continue
                if foer != efter:
                    felter.append(Feltaendring(_feltnavn(f), foer, efter))
            begrundelse = row.get("history_change_reason") or ""
            if felter or begrundelse or row["history_type"] != "~":
                user_id = row["history_user_id"]
                aendringer.append(
                    Aendring(
                        tidspunkt=row["history_date"],
                        bruger=refs.get(User, {}).get(user_id, "") if user_id else "",
                        objekt=_objekt_label(model, row),
                        handling=str(HANDLINGER.get(row["history_type"], "")),
                        felter=felter,
                        begrundelse=begrundelse,
                    )
                )
            previous = row
    aendringer.sort(key=lambda a: a.tidspunkt, reverse=True)
    return aendringer
