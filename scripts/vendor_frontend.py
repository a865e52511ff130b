"""Vendor the pinned front-end packages into the repository, with a checksum list.

The versions are pinned in frontend/package.json and frontend/package-lock.json (which
also carries each tarball's integrity hash, checked by `npm ci`). This script copies the
built files the app needs out of frontend/node_modules and writes frontend/vendor.sha256,
so the app itself needs no npm: `make run` serves the committed copies.

    python scripts/vendor_frontend.py copy     # after `npm ci`: copy, write the list
    python scripts/vendor_frontend.py check    # verify the committed files (no npm)

What is copied:
- DKFDS (Det Fælles Designsystem): the minified CSS and JS, every file the CSS refers
  to (fonts, icons), the icon sprite and the licence, into static/vendor/dkfds/.
- axe-core, for the browser tests only, into tests/e2e/vendor/ (never served).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "frontend" / "node_modules"
SUMS = ROOT / "frontend" / "vendor.sha256"
DKFDS_SRC = MODULES / "dkfds" / "dist"
DKFDS_DST = ROOT / "static" / "vendor" / "dkfds"
AXE_SRC = MODULES / "axe-core"
AXE_DST = ROOT / "tests" / "e2e" / "vendor"
VENDOR_DIRS = (DKFDS_DST, AXE_DST)

# A source map comment makes collectstatic's manifest storage look for the map file; the
# maps are not shipped, so the comment goes.
SOURCE_MAP = re.compile(r"\n?(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S+)\s*$")
CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)")


def _strip_source_map(text: str) -> str:
    return SOURCE_MAP.sub("\n", text)


def _css_references(css: str) -> list[str]:
    """Relative files the stylesheet loads (fonts, icons), without query or fragment."""
    refs = set()
    for url in CSS_URL.findall(css):
        if url.startswith(("data:", "#", "http:", "https:", "//")):
            continue
        refs.add(url.split("#")[0].split("?")[0])
    return sorted(refs)


def copy() -> None:
    for package in ("dkfds", "axe-core"):
        if not (MODULES / package / "package.json").exists():
            raise SystemExit(f"frontend/node_modules/{package} mangler: kør `make vendor`.")
    for target in VENDOR_DIRS:
        shutil.rmtree(target, ignore_errors=True)

    css = _strip_source_map((DKFDS_SRC / "css" / "dkfds.min.css").read_text(encoding="utf-8"))
    _write(DKFDS_DST / "css" / "dkfds.min.css", css)
    js = _strip_source_map((DKFDS_SRC / "js" / "dkfds.min.js").read_text(encoding="utf-8"))
    _write(DKFDS_DST / "js" / "dkfds.min.js", js)
    for ref in _css_references(css):
        source = (DKFDS_SRC / "css" / ref).resolve()
        if not source.is_relative_to(DKFDS_SRC):
            raise SystemExit(f"DKFDS' CSS peger uden for pakken: {ref}")
        _copy(source, DKFDS_DST / source.relative_to(DKFDS_SRC))
    _copy(DKFDS_SRC / "img" / "all-svg-icons.svg", DKFDS_DST / "img" / "all-svg-icons.svg")
    _copy(MODULES / "dkfds" / "LICENSE.md", DKFDS_DST / "LICENSE.md")

    _copy(AXE_SRC / "axe.min.js", AXE_DST / "axe.min.js")
    _copy(AXE_SRC / "LICENSE", AXE_DST / "LICENSE")
    write_sums()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def vendored_files() -> list[Path]:
    return sorted(p for d in VENDOR_DIRS if d.exists() for p in d.rglob("*") if p.is_file())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sums() -> None:
    # The `sha256sum -c` format, paths relative to the repository root.
    lines = [f"{_sha256(p)}  {p.relative_to(ROOT).as_posix()}" for p in vendored_files()]
    SUMS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def problems() -> list[str]:
    """Every difference between the committed files and the checksum list."""
    listed: dict[str, str] = {}
    for line in SUMS.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    found = {p.relative_to(ROOT).as_posix(): p for p in vendored_files()}
    out = [f"mangler: {name}" for name in sorted(listed.keys() - found.keys())]
    out += [f"ikke på listen: {name}" for name in sorted(found.keys() - listed.keys())]
    out += [
        f"ændret: {name}"
        for name in sorted(listed.keys() & found.keys())
        if _sha256(found[name]) != listed[name]
    ]
    return out


def main(argv: list[str]) -> int:
    if argv == ["copy"]:
        copy()
        print(f"{len(vendored_files())} filer kopieret; {SUMS.relative_to(ROOT)} skrevet.")
        return 0
    if argv == ["check"]:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        if not found:
            print(f"{len(vendored_files())} filer stemmer med {SUMS.relative_to(ROOT)}.")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
