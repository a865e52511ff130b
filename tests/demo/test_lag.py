"""Demo data is the top floor: all of it lives in demo/, and no app imports demo."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Directories whose code may import demo: demo itself, the tests and the benchmarks.
MAA_IMPORTERE = {"demo", "tests", "bench", "var", "static", "node_modules"}


def _moduler():
    for top in ROOT.iterdir():
        if top.is_dir() and top.name not in MAA_IMPORTERE and not top.name.startswith("."):
            yield from (p for p in top.rglob("*.py") if "node_modules" not in p.parts)


def test_ingen_app_importerer_demo():
    fund = []
    for path in _moduler():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            fund += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] == "demo"]
    assert not fund


def test_ingen_demo_py_uden_for_demo():
    assert not [str(p.relative_to(ROOT)) for p in _moduler() if p.name == "demo.py"]
