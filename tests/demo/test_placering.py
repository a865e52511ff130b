"""All demo data lives in demo/ (that no app imports demo is tests/arkitektur's table)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [p.parent for p in ROOT.glob("*/apps.py")]


def test_ingen_demo_py_uden_for_demo():
    fund = [p for app in APPS if app.name != "demo" for p in app.rglob("demo.py")]
    assert not fund
