"""The mentor coordinator's screens: roster with caseload, waiting list, mentor form."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance.services.oversigt import send_dagligt_overblik
from drift.models import Mail
from forloeb import services
from forloeb.models import Emne, Mentor, Specialisering
from organisation.models import Rolle
from tests.factories import (
    ForloebFactory,
    MentorFactory,
    TeamFactory,
    aktivt_forloeb,
    mentor_with_login,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def koordinator(team):
    return user_with_role(Rolle.MENTORKOORDINATOR, team=team)


def _belastning_celle(html, mentor):
    """The caseload cell of the mentor's row in the roster."""
    row = re.search(rf"{re.escape(mentor.navn)}</a></td>(.*?)</tr>", html, re.S)
    assert row, mentor.navn
    cell = re.search(r'<td class="num belastning">(.*?)</td>', row.group(1), re.S)
    return re.sub(r"\s+", " ", cell.group(1))


def test_mentoroversigt_viser_belastning_mod_kapacitet_og_markerer_fuld_og_over(
    client, team, koordinator
):
    ledig = MentorFactory(organisation=team.organisation, kapacitet=15)
    fuld = mentor_with_login(team, kapacitet=2)
    over = mentor_with_login(team, kapacitet=1)
    aktivt_forloeb(team=team, mentor=ledig)
    for _ in range(2):
        aktivt_forloeb(team=team, mentor=fuld)
    aktivt_forloeb(team=team, mentor=over)
    ekstra = ForloebFactory(team=team)
    services.tildel_mentor(
        user=ekstra.sagsbehandler,
        forloeb=ekstra,
        mentor=over,
        tilsidesaet_begrundelse="Særligt match",
    )
    ekstra.refresh_from_db()
    # An ended course no longer counts.
    afsluttet = aktivt_forloeb(team=team, mentor=ledig, start=timezone.localdate().replace(day=1))
    services.afslut_forloeb(
        user=afsluttet.sagsbehandler,
        forloeb=afsluttet,
        dato=timezone.localdate(),
        aarsag="maal_naaet",
        borger_vurdering=4,
        mentor_vurdering=4,
    )
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:mentorer")).content.decode()
    assert _belastning_celle(html, ledig) == "1 / 15"
    fuld_celle = _belastning_celle(html, fuld)
    assert "badge-warning" in fuld_celle and "2 / 2" in fuld_celle
    # A draft holding the mentor counts: her load is her open courses, the same count the
    # assignment check and MENTOR_OVERBELASTET use. Cancelling the draft frees the place.
    over_celle = _belastning_celle(html, over)
    assert "badge-error" in over_celle and "2 / 1" in over_celle
    services.annuller_kladde(user=ekstra.sagsbehandler, forloeb=ekstra, begrundelse="Dublet")
    html = client.get(reverse("forloeb:mentorer")).content.decode()
    assert "1 / 1" in _belastning_celle(html, over)


def test_venteliste_viser_praecis_forloeb_uden_mentor_aeldste_foerst(client, team, koordinator):
    nyeste = ForloebFactory(team=team)
    aeldste = ForloebFactory(team=team)
    aeldste.__class__.objects.filter(pk=aeldste.pk).update(
        oprettet=timezone.now() - timezone.timedelta(days=20)
    )
    med_mentor = aktivt_forloeb(team=team)
    anden_org = ForloebFactory()
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    shown = [int(n) for n in re.findall(r'data-testid="vente-(\d+)"', html)]
    assert shown == [aeldste.pk, nyeste.pk]
    assert med_mentor.pk not in shown and anden_org.pk not in shown


def test_venteliste_skjuler_helbred_og_misbrug_for_koordinatoren(client, team, koordinator):
    f = ForloebFactory(team=team)
    f.borger.problemomraader = [Emne.MISBRUG, Emne.HELBRED, Emne.OEKONOMI]
    f.borger.oensker_til_mentor = "Gerne en kvindelig mentor."
    f.borger.save()
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    assert "Økonomi" in html and "Gerne en kvindelig mentor." in html
    assert "Misbrug" not in html and "Helbred" not in html


def test_venteliste_foreslaar_ledige_mentorer_med_matchende_specialisering(
    client, team, koordinator
):
    f = ForloebFactory(team=team)
    f.borger.problemomraader = [Emne.OEKONOMI]
    f.borger.save()
    passer = MentorFactory(
        organisation=team.organisation, navn="Pia Passer", specialiseringer=["oekonomi"]
    )
    fuld = mentor_with_login(team, navn="Frede Fuld", kapacitet=1, specialiseringer=["oekonomi"])
    aktivt_forloeb(team=team, mentor=fuld)
    MentorFactory(organisation=team.organisation, navn="Ib Ikkematch", specialiseringer=["unge"])
    MentorFactory(
        organisation=team.organisation,
        navn="Ida Inaktiv",
        aktiv=False,
        specialiseringer=["oekonomi"],
    )
    ikke_match = Mentor.objects.get(navn="Ib Ikkematch")
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    forslag = [int(n) for n in re.findall(r'data-testid="forslag-(\d+)"', html)]
    # The best match first, with why; a mentor with room but no matching specialisation
    # is still suggested after her ("no match" only when nobody has room).
    assert forslag == [passer.pk, ikke_match.pk]
    assert "Specialisering: Økonomi" in html
    # Anyone active can be chosen, a full mentor marked so; an inactive one cannot.
    assert "Frede Fuld – fuld (1 af 1)" in html
    assert "Ida Inaktiv" not in html


def test_koordinator_ser_overskrifter_men_ikke_maal_og_opgaver(client, team, koordinator):
    mentor = mentor_with_login(team)
    f = aktivt_forloeb(team=team, mentor=mentor)
    client.force_login(koordinator)
    response = client.get(reverse("forloeb:mentor_detalje", args=[mentor.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert team.navn in html and str(f.sagsbehandler) in html
    assert f.maal not in html and f.opgaver not in html


def test_mentor_fra_anden_organisation_giver_404(client, koordinator):
    fremmed = MentorFactory()
    client.force_login(koordinator)
    assert client.get(reverse("forloeb:mentor_detalje", args=[fremmed.pk])).status_code == 404
    assert client.get(reverse("forloeb:mentor_rediger", args=[fremmed.pk])).status_code == 404


def test_mentor_og_sagsbehandler_kan_ikke_aabne_koordinatorsider(client, team):
    mentor = mentor_with_login(team)
    client.force_login(mentor.bruger)
    for name in ("forloeb:mentorer", "forloeb:venteliste", "forloeb:mentor_opret"):
        assert client.get(reverse(name)).status_code == 403


def test_koordinator_opretter_og_redigerer_mentor(client, team, koordinator):
    client.force_login(koordinator)
    data = {
        "navn": "Karen Kapacitet",
        "type": "ekstern",
        "arbejdsgiver": "Mentorhuset ApS",
        "email": "karen@example.invalid",
        "mentoruddannelse_timer": "30",
        "specialiseringer": ["oekonomi", "unge"],
        "kapacitet": "12",
        "aktiv": "on",
    }
    response = client.post(reverse("forloeb:mentor_opret"), data)
    assert response.status_code == 302
    mentor = Mentor.objects.get(navn="Karen Kapacitet")
    assert mentor.organisation == team.organisation
    assert mentor.specialiseringer == ["oekonomi", "unge"] and mentor.kapacitet == 12
    response = client.post(
        reverse("forloeb:mentor_rediger", args=[mentor.pk]), {**data, "kapacitet": "0"}
    )
    assert response.status_code == 400
    assert "Kapaciteten skal være mellem 1 og 60" in response.content.decode()
    response = client.post(
        reverse("forloeb:mentor_rediger", args=[mentor.pk]), {**data, "kapacitet": "8"}
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.kapacitet == 8
    assert mentor.history.count() == 2


def test_login_kan_ikke_knyttes_til_to_mentorer(team, koordinator):
    eksisterende = mentor_with_login(team)
    with pytest.raises(ValidationError) as exc:
        services.opret_mentor(
            user=koordinator, navn="Ny", type="intern", kapacitet=10, bruger=eksisterende.bruger
        )
    assert "bruger" in exc.value.message_dict


def test_kun_koordinator_eller_administrator_maa_oprette_mentorer(team):
    sagsbehandler = user_with_role(Rolle.SAGSBEHANDLER, team=team)
    with pytest.raises(PermissionDenied):
        services.opret_mentor(user=sagsbehandler, navn="Ny", type="intern", kapacitet=10)


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_mentoroversigt_og_venteliste_koerer_fast_antal_queries(
    client, team, koordinator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(koordinator)
    urls = [reverse("forloeb:mentorer"), reverse("forloeb:venteliste")]
    MentorFactory(organisation=team.organisation, specialiseringer=[Specialisering.OEKONOMI])
    ForloebFactory(team=team)
    few = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        few[url] = len(ctx.captured_queries)
    for _ in range(6):
        mentor = MentorFactory(organisation=team.organisation, specialiseringer=["unge"])
        aktivt_forloeb(team=team, mentor=mentor)
        f = ForloebFactory(team=team)
        f.borger.problemomraader = [Emne.OEKONOMI, Emne.STRUKTUR]
        f.borger.save()
    for url in urls:
        _count(client, url, django_assert_max_num_queries, few[url])


def test_mentoroversigt_filtrerer_paa_specialisering_og_ledig_kapacitet(client, team, koordinator):
    ledig = MentorFactory(
        organisation=team.organisation, navn="Lone Ledig", specialiseringer=["misbrug"]
    )
    fuld = mentor_with_login(team, navn="Frans Fuld", kapacitet=1, specialiseringer=["misbrug"])
    aktivt_forloeb(team=team, mentor=fuld)
    anden = MentorFactory(organisation=team.organisation, navn="Ane Anden", specialiseringer=[])
    client.force_login(koordinator)
    url = reverse("forloeb:mentorer")
    html = client.get(url, {"specialisering": "misbrug"}).content.decode()
    assert ledig.navn in html and fuld.navn in html and anden.navn not in html
    html = client.get(url, {"specialisering": "misbrug", "ledig": "1"}).content.decode()
    assert ledig.navn in html and fuld.navn not in html


def test_koordinator_tilknytter_mentor_fra_ventelisten(client, team, koordinator):
    venter = ForloebFactory(team=team)
    mentor = MentorFactory(organisation=team.organisation)
    client.force_login(koordinator)
    url = reverse("forloeb:venteliste_tildel", args=[venter.pk, mentor.pk])
    response = client.post(url, follow=True)
    assert f"{mentor.navn} er nu mentor for {venter.borger.navn}" in response.content.decode()
    venter.refresh_from_db()
    assert venter.mentor == mentor
    assert venter.tilknytninger.get().oprettet_af == koordinator


def test_koordinator_kan_ikke_skifte_mentor_paa_forloeb_der_har_en(client, team, koordinator):
    forloeb = aktivt_forloeb(team=team)
    anden = MentorFactory(organisation=team.organisation)
    client.force_login(koordinator)
    url = reverse("forloeb:venteliste_tildel", args=[forloeb.pk, anden.pk])
    assert client.post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.tildel_mentor(
            user=koordinator,
            forloeb=forloeb,
            mentor=anden,
            begrundelse="x",
            kvalifikationer="Erfaren med målgruppen.",
        )
    forloeb.refresh_from_db()
    assert forloeb.mentor != anden


def test_koordinator_skal_begrunde_en_fuld_mentor(client, team, koordinator):
    venter = ForloebFactory(team=team)
    fuld = MentorFactory(organisation=team.organisation, kapacitet=1)
    aktivt_forloeb(team=team, mentor=fuld)
    client.force_login(koordinator)
    url = reverse("forloeb:venteliste_tildel", args=[venter.pk, fuld.pk])
    html = client.post(url, follow=True).content.decode()
    assert "ingen ledig kapacitet" in html
    venter.refresh_from_db()
    assert venter.mentor is None


def _ledig_mentor(team, navn, **kwargs):
    return MentorFactory(organisation=team.organisation, navn=navn, **kwargs)


def test_forslag_foelger_borgerens_oensker_om_koen_og_alder_og_siger_hvorfor(
    client, team, koordinator
):
    f = ForloebFactory(team=team)
    f.borger.oensket_koen = "kvinde"
    f.borger.oensket_alder = "35_50"
    f.borger.save()
    aar = timezone.localdate().year
    # More free places and a matching specialisation do not beat the citizen's wishes.
    mads = _ledig_mentor(team, "Mads Mand", koen="mand", foedselsaar=aar - 40, kapacitet=30)
    unge = _ledig_mentor(team, "Ulla Ung", koen="kvinde", foedselsaar=aar - 25)
    karen = _ledig_mentor(team, "Karen Kvinde", koen="kvinde", foedselsaar=aar - 42)
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    forslag = [int(n) for n in re.findall(r'data-testid="forslag-(\d+)"', html)]
    assert forslag[0] == karen.pk
    assert set(forslag[1:]) == {mads.pk, unge.pk}
    karen_html = html.split(f'data-testid="forslag-{karen.pk}"')[1].split("</li>\n")[0]
    assert "Kvinde, som borgeren ønsker" in karen_html
    assert "42 år, som ønsket (35–50 år)" in karen_html
    assert "Opfylder ikke" not in karen_html
    assert "Borgeren ønsker en kvindelig mentor" in html  # said of Mads
    assert "25 år – borgeren ønsker 35–50 år" in html  # said of Ulla
    assert "En kvindelig mentor, Alder: 35–50 år" in html  # the wishes, in words


def test_ingen_match_kun_naar_ingen_aktiv_mentor_har_plads(client, team, koordinator):
    venter = ForloebFactory(team=team)
    fuld = MentorFactory(organisation=team.organisation, kapacitet=1)
    aktivt_forloeb(team=team, mentor=fuld)
    Mentor.objects.exclude(pk=fuld.pk).filter(organisation=team.organisation).update(aktiv=False)
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    assert "Ingen aktiv mentor har ledig kapacitet lige nu." in html
    _ledig_mentor(team, "Lis Ledig")
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    assert "Ingen aktiv mentor har ledig kapacitet" not in html
    assert "Lis Ledig" in html.split(f'data-testid="vente-{venter.pk}"')[1]


def test_tilknytning_beder_om_bekraeftelse_og_enhver_aktiv_mentor_kan_vaelges(
    client, team, koordinator
):
    venter = ForloebFactory(team=team)
    ikke_foreslaaet = _ledig_mentor(team, "Nina Nogen")
    client.force_login(koordinator)
    # The list's "choose another mentor" form is a GET to the confirmation page.
    response = client.get(
        reverse("forloeb:venteliste_bekraeft", args=[venter.pk]), {"mentor": ikke_foreslaaet.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Vil du gøre Nina Nogen til mentor for {venter.borger.navn}?" in html
    assert reverse("forloeb:venteliste_tildel", args=[venter.pk, ikke_foreslaaet.pk]) in html
    # Opening the suggestion's link (GET) asks too, and changes nothing.
    url = reverse("forloeb:venteliste_tildel", args=[venter.pk, ikke_foreslaaet.pk])
    assert "Ja, tilknyt Nina Nogen" in client.get(url).content.decode()
    venter.refresh_from_db()
    assert venter.mentor is None
    assert client.post(url).status_code == 302
    venter.refresh_from_db()
    assert venter.mentor == ikke_foreslaaet


def test_fuld_mentor_kraever_begrundelse_paa_bekraeftelsessiden(client, team, koordinator):
    venter = ForloebFactory(team=team)
    fuld = MentorFactory(organisation=team.organisation, kapacitet=1)
    aktivt_forloeb(team=team, mentor=fuld)
    client.force_login(koordinator)
    url = reverse("forloeb:venteliste_tildel", args=[venter.pk, fuld.pk])
    response = client.post(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'id="id_tilsidesaet_begrundelse"' in html
    response = client.post(url, {"tilsidesaet_begrundelse": "Kender borgeren i forvejen"})
    assert response.status_code == 302
    venter.refresh_from_db()
    assert venter.mentor == fuld


def test_sagsbehandleren_faar_besked_om_ny_mentor_paa_arbejdslisten_og_i_overblikket(
    client, team, koordinator
):
    venter = ForloebFactory(team=team)
    mentor = _ledig_mentor(team, "Bo Bedst")
    client.force_login(koordinator)
    client.post(reverse("forloeb:venteliste_tildel", args=[venter.pk, mentor.pk]))
    sagsbehandler = venter.sagsbehandler
    client.force_login(sagsbehandler)
    html = client.get(reverse("forloeb:arbejdsliste")).content.decode()
    assert "Nye mentorer på dine forløb" in html
    assert f"gjorde Bo Bedst til mentor for {venter.borger.navn}" in html
    send_dagligt_overblik()
    mail = Mail.objects.get(recipient=sagsbehandler)
    assert f"Bo Bedst er mentor på forløb {venter.pk}" in mail.body
    assert venter.borger.navn not in mail.body  # no names in mail
    assert venter.tilknytninger.get().varslet is not None
    send_dagligt_overblik()
    assert Mail.objects.filter(recipient=sagsbehandler).count() == 1


def test_sagsbehandlerens_eget_valg_er_ikke_en_nyhed(client, team):
    forloeb = aktivt_forloeb(team=team)
    client.force_login(forloeb.sagsbehandler)
    html = client.get(reverse("forloeb:arbejdsliste")).content.decode()
    assert "Nye mentorer på dine forløb" not in html


def test_dobbelte_og_opgivne_kladder_fylder_ikke_paa_ventelisten(client, team, koordinator):
    foerste = ForloebFactory(team=team)
    dublet = ForloebFactory(team=team, borger=foerste.borger)
    gammel = ForloebFactory(team=team)
    gammel.__class__.objects.filter(pk=gammel.pk).update(
        oprettet=timezone.now() - timezone.timedelta(days=90)
    )
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:venteliste")).content.decode()
    shown = [int(n) for n in re.findall(r'data-testid="vente-(\d+)"', html)]
    assert shown == [dublet.pk]  # the newest draft for the citizen
    assert "2 kladder er ikke vist" in html
    assert "Borgeren har et andet forløb på ventelisten" in html
    assert "Kladde uden bevilling i over 60 dage" in html
    assert foerste.pk not in shown and gammel.pk not in shown
