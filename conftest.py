# One Playwright session for the whole suite: a second sync_playwright() started while the
# first is alive fails, so the browser fixtures must be defined once, here. The SAML SP's
# keys are shared by the SSO tests and the browser journeys.
pytest_plugins = ["tests.browser", "tests.sso.fixtures"]
