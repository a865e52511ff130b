"""The SAML service provider's key and certificate, made once per test session."""

import pytest

from .noegler import selvsigneret


@pytest.fixture(scope="session")
def sp_noegler(tmp_path_factory):
    return selvsigneret(tmp_path_factory.mktemp("sp"), "mentorsag-sp")


@pytest.fixture
def saml_sp(settings, sp_noegler):
    """SAML switched on with the session's SP key; the SP's URLs follow the request."""
    settings.SAML_SP_NOEGLE, settings.SAML_SP_CERTIFIKAT = map(str, sp_noegler)
    settings.MENTORSAG_BASE_URL = ""
    settings.SAML_SP_ENTITY_ID = ""
    return sp_noegler
