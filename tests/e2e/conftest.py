# The browser fixtures live in tests/browser.py, loaded for the whole suite by the root
# conftest.py, so every module shares one Playwright session.
from tests.browser import login  # noqa: F401
