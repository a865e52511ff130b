"""The client's address: REMOTE_ADDR unless a trusted proxy header is configured."""

from django.test import RequestFactory, override_settings

from core.http import client_ip

rf = RequestFactory()


def test_uden_proxy_bruges_remote_addr_og_en_forfalsket_header_ignoreres():
    request = rf.get("/", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.7"


@override_settings(PROXY_CLIENT_IP_HEADER="X-Forwarded-For", PROXY_COUNT=1)
def test_bag_en_proxy_bruges_den_adresse_proxyen_tilfoejede():
    # The client forged "1.2.3.4"; our proxy appended the real address last.
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.9")
    assert client_ip(request) == "192.0.2.9"


@override_settings(PROXY_CLIENT_IP_HEADER="X-Forwarded-For", PROXY_COUNT=2)
def test_to_proxyer_taeller_to_pladser_fra_hoejre():
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.9, 10.0.0.2")
    assert client_ip(request) == "192.0.2.9"


@override_settings(PROXY_CLIENT_IP_HEADER="X-Real-IP")
def test_manglende_header_falder_tilbage_til_remote_addr():
    request = rf.get("/", REMOTE_ADDR="10.0.0.7")
    assert client_ip(request) == "10.0.0.7"
