"""The README stays a front door, its links and the docs' links lead somewhere, and every
pinned dependency says in the README why it is there."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _dokumenter():
    yield ROOT / "README.md"
    yield from sorted((ROOT / "docs").glob("*.md"))


def test_readme_er_en_hoveddoer_ikke_en_haandbog():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_hvert_relativt_link_findes():
    brudte = []
    for dokument in _dokumenter():
        for maal in LINK.findall(dokument.read_text(encoding="utf-8")):
            if "://" in maal or maal.startswith("mailto:"):
                continue
            if not (dokument.parent / maal).exists():
                brudte.append(f"{dokument.relative_to(ROOT)} -> {maal}")
    assert brudte == []


def test_hver_afhaengighed_staar_i_readmes_tabel():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pakker = pyproject["project"]["dependencies"] + [
        krav for gruppe in pyproject["project"]["optional-dependencies"].values() for krav in gruppe
    ]
    tabel = "\n".join(
        linje.split("|")[1].lower()
        for linje in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if linje.startswith("| ")
    )
    mangler = []
    for krav in pakker:
        navn = re.split(r"[\[=<>~ ]", krav, maxsplit=1)[0].lower()
        if navn not in tabel:
            mangler.append(navn)
    assert mangler == []
