"""COPY plumbing for the national scale: rows as COPY text, ids assigned up front, plain
indexes dropped for the load and rebuilt, foreign keys checked once, set-based."""

from __future__ import annotations

from datetime import date

from django.db import models


def esc(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (list, tuple)):
        return "{" + ",".join(value) + "}"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def ts(d: date, hour: int = 9, minute: int = 0) -> str:
    return f"{d.isoformat()} {hour:02d}:{minute:02d}:00+00"


class Tabel:
    """Lines for one model's COPY. Rows give `cols` in order; every other column gets its
    model default (or NULL / '' / now), so a column added later with a default needs no
    change here."""

    def __init__(self, model: type[models.Model], cols: list[str], now_text: str):
        self.model = model
        self.navn = model._meta.db_table
        self.cols = cols
        extra_cols, extra_vals = [], []
        for f in model._meta.concrete_fields:
            if f.column in cols:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now_text
            elif f.has_default():
                value = f.get_default()
                if isinstance(value, date):
                    value = value.isoformat()
            elif f.null:
                value = None
            elif isinstance(f, (models.CharField, models.TextField)):
                value = ""
            else:
                raise ValueError(f"{self.navn}.{f.column}: no value and no default")
            extra_cols.append(f.column)
            extra_vals.append(esc(value))
        self.all_cols = cols + extra_cols
        self.suffix = ("\t" + "\t".join(extra_vals) if extra_vals else "") + "\n"
        self.lines: list[str] = []

    def add(self, *values) -> None:
        self.lines.append("\t".join(map(esc, values)) + self.suffix)

    def copy_sql(self) -> str:
        return f"COPY {self.navn} ({', '.join(self.all_cols)}) FROM STDIN"


def copy(cursor, tabel: Tabel, chunks) -> int:
    """COPY an iterable of text chunks into the table; returns the number of lines."""
    n = 0
    with cursor.copy(tabel.copy_sql()) as cp:
        for chunk in chunks:
            cp.write(chunk)
            n += chunk.count("\n")
    return n


def batched(lines: list[str], size: int = 20_000):
    for i in range(0, len(lines), size):
        yield "".join(lines[i : i + size])


class Ids:
    """The next free id per table, so parent and child rows are written table by table."""

    def __init__(self, cursor, models_: list[type[models.Model]]):
        self.next = {}
        for model in models_:
            cursor.execute(f"SELECT COALESCE(max(id), 0) FROM {model._meta.db_table}")  # noqa: S608
            self.next[model] = cursor.fetchone()[0] + 1

    def __call__(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


def drop_plain_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the tables' indexes that back no constraint; return their CREATE statements."""
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i
           WHERE i.indrelid = ANY(%s::regclass[])
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [tables],
    )
    rows = cursor.fetchall()
    for name, _sql in rows:
        cursor.execute(f"DROP INDEX {name}")
    return [sql for _name, sql in rows]


def check_foreign_keys(cursor, models_: list[type[models.Model]]) -> None:
    """Every foreign key of the loaded tables, checked once with an anti-join."""
    for model in models_:
        for f in model._meta.concrete_fields:
            if not f.is_relation:
                continue
            target = f.related_model._meta
            cursor.execute(
                f"SELECT count(*) FROM {model._meta.db_table} c "  # noqa: S608
                f"WHERE c.{f.column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target.db_table} p WHERE p.{target.pk.column} = c.{f.column})"
            )
            bad = cursor.fetchone()[0]
            if bad:
                raise RuntimeError(
                    f"{bad} rækker i {model._meta.db_table}.{f.column} peger forkert"
                )
