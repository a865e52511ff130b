"""The vendored front-end files are exactly the ones `make vendor` wrote and listed."""

import json
import re
from pathlib import Path

from scripts import vendor_frontend

ROOT = Path(__file__).resolve().parents[2]


def test_vendorerede_filer_stemmer_med_checksumlisten():
    assert vendor_frontend.problems() == []


def test_checksumlisten_fanger_en_aendret_fil(tmp_path, monkeypatch):
    css = vendor_frontend.DKFDS_DST / "css" / "dkfds.min.css"
    kopi = tmp_path / "dkfds"
    monkeypatch.setattr(vendor_frontend, "VENDOR_DIRS", (kopi,))
    monkeypatch.setattr(vendor_frontend, "ROOT", tmp_path)
    (kopi / "css").mkdir(parents=True)
    (kopi / "css" / "dkfds.min.css").write_bytes(css.read_bytes())
    sums = tmp_path / "sums"
    monkeypatch.setattr(vendor_frontend, "SUMS", sums)
    vendor_frontend.write_sums()
    assert vendor_frontend.problems() == []
    (kopi / "css" / "dkfds.min.css").write_bytes(css.read_bytes() + b"/* x */")
    (kopi / "ekstra.js").write_text("1")
    assert vendor_frontend.problems() == [
        "ikke på listen: dkfds/ekstra.js",
        "ændret: dkfds/css/dkfds.min.css",
    ]


def test_versionerne_er_fastlaast_og_laast():
    package = json.loads((ROOT / "frontend" / "package.json").read_text())
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text())
    pins = {**package["dependencies"], **package["devDependencies"]}
    assert pins.keys() == {"dkfds", "axe-core"}
    for name, version in pins.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} er ikke fastlåst: {version}"
        entry = lock["packages"][f"node_modules/{name}"]
        assert entry["version"] == version
        assert entry["integrity"].startswith("sha512-")
    assert pins["dkfds"].startswith("11.")
    assert pins["axe-core"].startswith("4.")


def test_hver_fil_som_dkfds_css_henviser_til_er_med():
    """collectstatic's manifest storage fails on a url() to a missing file."""
    css_dir = vendor_frontend.DKFDS_DST / "css"
    css = (css_dir / "dkfds.min.css").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in css
    refs = vendor_frontend._css_references(css)
    assert refs, "the stylesheet refers to fonts and icons"
    assert [r for r in refs if not (css_dir / r).resolve().is_file()] == []


def test_collectstatic_med_produktionens_manifest_finder_alle_henvisninger(settings, tmp_path):
    """Production hashes file names and rewrites every url() in the CSS; a missing font,
    icon or source map would stop the deploy (the Dockerfile runs collectstatic)."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    css = (tmp_path / manifest["vendor/dkfds/css/dkfds.min.css"]).read_text(encoding="utf-8")
    assert "IBMPlexSans-Regular." in css and "all-svg-icons" not in css
    assert re.search(r"IBMPlexSans-Regular\.[0-9a-f]{12}\.woff2", css)
