import pytest

from .smtp import Postkasse


@pytest.fixture
def postkasse(settings):
    """A real local SMTP server, with Django's SMTP backend pointed at it."""
    server = Postkasse().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def processer():
    """Processes a test starts (web, worker, database), stopped in reverse order."""
    started = []
    yield started
    for proc in reversed(started):
        proc.stop()
