"""`make run`'s settings, plus URLs that fail on purpose (tests/e2e/fejl_urls.py), so the
test can ask the real `make run` stack for a 500."""

from mentorsag.settings import *  # noqa: F403

ROOT_URLCONF = "tests.e2e.fejl_urls"
