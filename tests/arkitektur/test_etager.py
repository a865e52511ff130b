"""The floors go one way (docs/arkitektur.md): an app imports only the apps below it.

Every import in every production module counts, also those inside functions.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# app -> the project apps it may import. Keep in step with docs/arkitektur.md.
MAA_IMPORTERE = {
    "core": set(),
    "organisation": {"core"},
    "drift": {"core", "organisation"},
    "sso": {"core", "organisation"},
    "forloeb": {"core", "organisation", "drift"},
    "tidsregistrering": {"core", "organisation", "drift", "forloeb"},
    "compliance": {"core", "organisation", "drift", "forloeb", "tidsregistrering"},
    "privacy": {"core", "organisation", "drift", "forloeb", "tidsregistrering"},
    "oekonomi": {"core", "organisation", "drift", "forloeb", "tidsregistrering"},
    "indlaesning": {
        "core",
        "organisation",
        "drift",
        "forloeb",
        "tidsregistrering",
        "compliance",
    },
    "demo": {
        "core",
        "organisation",
        "drift",
        "sso",
        "forloeb",
        "tidsregistrering",
        "compliance",
        "oekonomi",
        "privacy",
        "indlaesning",
    },
}
APPS = set(MAA_IMPORTERE) | {"mentorsag"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & APPS


def _moduler(app: str):
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" not in path.parts:
            yield path


def test_hver_app_importerer_kun_etagerne_under_sig():
    brud = []
    for app, tilladt in MAA_IMPORTERE.items():
        if not (ROOT / app).is_dir():
            continue
        for path in _moduler(app):
            for andet in _imports(path) - tilladt - {app}:
                brud.append(f"{path.relative_to(ROOT)} imports {andet}")
    assert brud == []


def test_alle_apps_staar_i_tabellen():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps <= set(MAA_IMPORTERE), apps - set(MAA_IMPORTERE)


def test_tabellen_i_docs_arkitektur_er_den_samme():
    import re

    tekst = (ROOT / "docs" / "arkitektur.md").read_text(encoding="utf-8")
    dokumenteret = {}
    for linje in tekst.splitlines():
        if m := re.match(r"\| `(\w+)` \|[^|]*\| ([^|]*) \|$", linje):
            app, celle = m.groups()
            if celle.strip() == "every app above":
                dokumenteret[app] = set(dokumenteret)
            else:
                dokumenteret[app] = set(re.findall(r"`(\w+)`", celle))
    assert dokumenteret == MAA_IMPORTERE
