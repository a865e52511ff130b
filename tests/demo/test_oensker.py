"""The demo shows the citizen's structured wishes at work: some citizens wish a gender or
an age, every mentor has both, and the coordinator's waiting list names the wish met."""

import pytest
from django.urls import reverse

from forloeb.models import Borger, Mentor
from organisation.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(lille):
    return lille[0]


def test_et_mindretal_af_borgerne_har_strukturerede_oensker(seeded):
    borgere = Borger.objects.filter(organisation=seeded)
    med = borgere.exclude(oensket_koen="", oensket_alder="")
    assert 0 < med.count() < borgere.count() / 2
    # A structured wish always stands behind a free-text one of the same kind.
    for b in med:
        if b.oensket_koen:
            ord_ = {"kvinde": "kvindelig", "mand": "mandlig"}[b.oensket_koen]
            assert ord_ in b.oensker_til_mentor
        else:
            assert "alder" in b.oensker_til_mentor


def test_hver_mentor_har_koen_og_foedselsaar_og_begge_koen_findes(seeded):
    mentorer = Mentor.objects.filter(organisation=seeded)
    assert not mentorer.filter(koen="").exists()
    assert not mentorer.filter(foedselsaar__isnull=True).exists()
    assert set(mentorer.values_list("koen", flat=True)) == {"kvinde", "mand"}


def test_mentorernes_navne_har_ingen_titel(seeded):
    from faker.providers.person.da_DK import Provider

    titler = set(Provider.prefixes_male) | set(Provider.prefixes_female)
    for navn in Mentor.objects.filter(organisation=seeded).values_list("navn", flat=True):
        assert navn.split()[0] not in titler, navn


def test_uden_titel_fjerner_kun_en_foranstillet_titel():
    from demo.kommune.personer import uden_titel

    assert uden_titel("Prof. Nanni Andersen") == "Nanni Andersen"
    assert uden_titel("Univ.Prof. Dr. Ole Hansen") == "Ole Hansen"
    assert uden_titel("Hr Hansen") == "Hr Hansen"  # a two-word name keeps both words
    assert uden_titel("Mette Frederiksen") == "Mette Frederiksen"


def test_ventelisten_viser_at_mentoren_opfylder_borgerens_oenske(seeded, client):
    client.force_login(User.objects.get(username="koordinator"))
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    assert "som borgeren ønsker" in html or "som ønsket" in html
