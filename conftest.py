# One Playwright session for the whole suite: a second sync_playwright() started while the
# first is alive fails, so the browser fixtures must be defined once, here.
pytest_plugins = ["tests.browser"]
