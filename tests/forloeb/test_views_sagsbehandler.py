"""The caseworker's screens: the rules through the forms, row scopes, the access log and
pinned query counts."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Adgangslog, Handling
from forloeb import services
from forloeb.models import Afslutning, Borger, Emne, Forloeb, Status
from organisation.models import Rolle
from tests.factories import (
    BorgerFactory,
    ForloebFactory,
    MentorFactory,
    TeamFactory,
    aktivt_forloeb,
    cpr_for,
    mentor_with_login,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sb(client):
    """A logged-in caseworker in a team."""
    user = user_with_role(Rolle.SAGSBEHANDLER)
    client.force_login(user)
    return user


def team_of(user):
    return user.teams.get()


def kladde_med_mentor(sb):
    forloeb = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    services.tildel_mentor(user=sb, forloeb=forloeb, mentor=mentor_with_login(forloeb.team))
    forloeb.refresh_from_db()
    return forloeb


def periode_data(start, slut, timer="2", **extra):
    return {
        "start": start.isoformat(),
        "slut": slut.isoformat(),
        "timer_pr_uge": timer,
        "kvalifikationer": "Mentoruddannet og erfaren med unge.",
        **extra,
    }


def html_of_field(response, name: str) -> str:
    """The error messages rendered on one form field (the `id_<name>_error` message)."""
    html = response.content.decode()
    match = re.search(
        rf'<span class="form-error-message" id="id_{name}_error">(.*?)</span>\s*<', html, re.S
    )
    assert match, f"no error shown on the field {name}"
    return match.group(1)


# --- The rules through the forms ---------------------------------------------------------


def test_periode_paa_syv_maaneder_viser_dansk_fejl_paa_siden(client, sb):
    forloeb = kladde_med_mentor(sb)
    start = dt.date(2026, 3, 1)
    response = client.post(
        reverse("forloeb:forloeb_periode", args=[forloeb.pk]),
        periode_data(start, dt.date(2026, 9, 30)),
    )
    assert response.status_code == 400
    assert "højst vare 6 måneder" in html_of_field(response, "slut")
    assert "31.08.2026" in html_of_field(response, "slut")
    assert not forloeb.bevillinger.exists()


def test_periode_paa_seks_maaneder_via_formularen_lander_paa_aftalen(client, sb):
    forloeb = kladde_med_mentor(sb)
    response = client.post(
        reverse("forloeb:forloeb_periode", args=[forloeb.pk]),
        periode_data(dt.date(2026, 3, 1), dt.date(2026, 8, 31), timer="2,5"),
    )
    bevilling = forloeb.bevillinger.get()
    assert response.status_code == 302
    assert response.url == reverse("forloeb:aftale", args=[bevilling.aftale.pk])
    assert bevilling.timer_pr_uge == Decimal("2.5")


def test_periode_uden_feltet_kvalifikationer_viser_dansk_fejl_paa_feltet(client, sb):
    forloeb = kladde_med_mentor(sb)
    data = periode_data(dt.date(2026, 3, 1), dt.date(2026, 5, 31))
    del data["kvalifikationer"]
    response = client.post(reverse("forloeb:forloeb_periode", args=[forloeb.pk]), data)
    assert response.status_code == 400
    assert "kvalificeret" in html_of_field(response, "kvalifikationer")
    assert not forloeb.bevillinger.exists()


@pytest.mark.parametrize("timer", ["37,01", "0"])
def test_timer_uden_for_0_til_37_vises_paa_feltet(client, sb, timer):
    forloeb = kladde_med_mentor(sb)
    response = client.post(
        reverse("forloeb:forloeb_periode", args=[forloeb.pk]),
        periode_data(dt.date(2026, 3, 1), dt.date(2026, 5, 31), timer=timer),
    )
    assert response.status_code == 400
    assert "over 0 og højst 37" in html_of_field(response, "timer_pr_uge")


def test_ny_periode_uden_vurdering_viser_fejl_paa_vurderingsfeltet(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb, start=dt.date(2026, 1, 1))
    sidste = forloeb.bevillinger.get()
    url = reverse("forloeb:forloeb_periode", args=[forloeb.pk])
    start = sidste.slut + dt.timedelta(days=1)
    response = client.post(url, periode_data(start, start + dt.timedelta(days=90)))
    assert response.status_code == 400
    assert "konkret vurdering" in html_of_field(response, "vurdering")

    response = client.post(
        url,
        periode_data(
            start, start + dt.timedelta(days=90), vurdering="Borgeren har fortsat brug for støtte."
        ),
    )
    assert response.status_code == 302
    assert forloeb.bevillinger.count() == 2


def test_bevilling_uden_mentor_viser_fejlen_oeverst_i_formularen(client, sb):
    forloeb = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    response = client.post(
        reverse("forloeb:forloeb_periode", args=[forloeb.pk]),
        periode_data(dt.date(2026, 3, 1), dt.date(2026, 5, 31)),
    )
    assert response.status_code == 400
    assert "Forløbet har ingen mentor" in response.content.decode()
    assert response.context["form"].non_field_errors()


def test_inaktiv_mentor_kraever_begrundelse_i_formularen(client, sb):
    forloeb = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    mentor = MentorFactory(organisation=sb.organisation, aktiv=False)
    url = reverse("forloeb:forloeb_mentor", args=[forloeb.pk])
    response = client.get(url)
    assert "Inaktiv" in response.content.decode()

    response = client.post(url, {"mentor": mentor.pk})
    assert response.status_code == 400
    assert "ikke aktiv som mentor" in response.content.decode()
    assert response.context["form"].errors["mentor"]

    response = client.post(
        url, {"mentor": mentor.pk, "tilsidesaet_begrundelse": "Kendt af borger."}
    )
    assert response.status_code == 302
    assert response.url == reverse("forloeb:forloeb_periode", args=[forloeb.pk])
    assert forloeb.tilknytninger.get().tilsidesat_begrundelse == "Kendt af borger."


def test_mentorlisten_viser_belastning_og_kapacitet(client, sb):
    optaget = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    optaget.mentor.kapacitet = 4
    optaget.mentor.specialiseringer = ["unge"]
    optaget.mentor.save()
    forloeb = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    html = client.get(reverse("forloeb:forloeb_mentor", args=[forloeb.pk])).content.decode()
    assert re.search(r">\s*1 / 4\s*<", html)
    assert "Unge" in html


def test_afslutning_uden_vurderinger_viser_fejl_paa_felterne(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    url = reverse("forloeb:forloeb_afslut", args=[forloeb.pk])
    response = client.post(url, {"dato": timezone.localdate().isoformat(), "aarsag": "job"})
    assert response.status_code == 400
    assert "fra 1 til 5" in html_of_field(response, "borger_vurdering")
    assert "fra 1 til 5" in html_of_field(response, "mentor_vurdering")
    response = client.post(
        url,
        {
            "dato": timezone.localdate().isoformat(),
            "aarsag": "job",
            "borger_vurdering": "5",
            "mentor_vurdering": "4",
        },
    )
    assert response.status_code == 302
    forloeb.refresh_from_db()
    assert forloeb.status == Status.AFSLUTTET


def test_samtidig_redigering_viser_konflikt_og_overskriver_ikke(client, sb):
    forloeb = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    url = reverse("forloeb:forloeb_rediger", args=[forloeb.pk])
    form = client.get(url).context["form"]
    data = {k: v or "" for k, v in form.initial.items()}
    data["udskrivningsdato"] = ""
    # A colleague saves in between.
    services.opdater_forloeb(user=sb, forloeb=forloeb, version=forloeb.version, maal="Kollegaens.")
    data["maal"] = "Mit mål."
    response = client.post(url, data)
    assert response.status_code == 400
    assert "ændret af en anden" in response.content.decode()
    forloeb.refresh_from_db()
    assert forloeb.maal == "Kollegaens."


def test_redigering_med_aktuel_version_gemmes(client, sb):
    forloeb = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    url = reverse("forloeb:forloeb_rediger", args=[forloeb.pk])
    data = {k: v or "" for k, v in client.get(url).context["form"].initial.items()}
    data["maal"] = "Nyt mål."
    assert client.post(url, data).status_code == 302
    forloeb.refresh_from_db()
    assert forloeb.maal == "Nyt mål."


# --- Scopes: 404 for what is not visible, 403 for what is not allowed --------------------


def test_sagsbehandler_kan_ikke_aabne_anden_organisations_forloeb(client, sb):
    fremmed = aktivt_forloeb()  # another organisation
    assert fremmed.organisation_id != sb.organisation_id
    assert client.get(reverse("forloeb:forloeb_detalje", args=[fremmed.pk])).status_code == 404
    assert (
        client.get(reverse("forloeb:borger_detalje", args=[fremmed.borger_id])).status_code == 404
    )
    aftale = fremmed.bevillinger.get().aftale
    assert client.get(reverse("forloeb:aftale_pdf", args=[aftale.pk])).status_code == 404


def test_sagsbehandler_kan_ikke_aabne_andet_teams_forloeb(client, sb):
    andet_team = TeamFactory(organisation=sb.organisation)
    fremmed = aktivt_forloeb(team=andet_team)
    assert client.get(reverse("forloeb:forloeb_detalje", args=[fremmed.pk])).status_code == 404
    response = client.post(
        reverse("forloeb:forloeb_moede", args=[fremmed.pk]),
        {"type": "opfoelgning", "dato": timezone.localdate().isoformat()},
    )
    assert response.status_code == 404
    assert not fremmed.moeder.exists()


def test_mentor_kan_ikke_aabne_anden_mentors_borger(client):
    mit = aktivt_forloeb()
    andet = aktivt_forloeb(team=mit.team)
    client.force_login(mit.mentor.bruger)
    assert client.get(reverse("forloeb:borger_detalje", args=[andet.borger_id])).status_code == 404
    assert client.get(reverse("forloeb:forloeb_detalje", args=[andet.pk])).status_code == 404
    # Their own citizen's course opens, read-only.
    response = client.get(reverse("forloeb:forloeb_detalje", args=[mit.pk]))
    assert response.status_code == 200
    assert "Registrér møde" not in response.content.decode()
    assert client.get(reverse("forloeb:forloeb_periode", args=[mit.pk])).status_code == 403


def test_teamleder_ser_forloeb_men_maa_ikke_handle(client):
    forloeb = aktivt_forloeb()
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team)
    client.force_login(leder)
    response = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk]))
    assert response.status_code == 200
    assert forloeb.maal in response.content.decode()
    response = client.post(
        reverse("forloeb:forloeb_moede", args=[forloeb.pk]),
        {"type": "opfoelgning", "dato": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403


def test_koordinator_ser_kun_overskrifter(client):
    forloeb = aktivt_forloeb()
    koordinator = user_with_role(Rolle.MENTORKOORDINATOR, team=forloeb.team)
    client.force_login(koordinator)
    html = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk])).content.decode()
    assert forloeb.mentor.navn in html
    assert forloeb.maal not in html
    assert forloeb.opgaver not in html
    aftale = forloeb.bevillinger.get().aftale
    assert client.get(reverse("forloeb:aftale", args=[aftale.pk])).status_code == 403


# --- Citizens: search, page, CPR --------------------------------------------------------


def test_cpr_soegning_med_post_aabner_borgeren_og_logges(client, sb):
    nummer = cpr_for(4242)
    borger = BorgerFactory(organisation=sb.organisation, cpr_nummer=nummer)
    response = client.post(
        reverse("forloeb:borger_soeg"), {"cpr_nummer": f"{nummer[:6]}-{nummer[6:]}"}
    )
    assert response.status_code == 302
    assert response.url == reverse("forloeb:borger_detalje", args=[borger.pk])
    assert nummer[6:] not in response.url
    log = Adgangslog.objects.get(bruger=sb)
    assert log.handling == Handling.SOEG_CPR
    assert log.borger == borger
    assert nummer not in log.beskrivelse


def test_cpr_soegning_finder_ikke_anden_organisations_borger(client, sb):
    nummer = cpr_for(4343)
    BorgerFactory(cpr_nummer=nummer)  # another organisation
    response = client.post(reverse("forloeb:borger_soeg"), {"cpr_nummer": nummer})
    assert "Ingen borgere fundet" in response.content.decode()
    assert Adgangslog.objects.filter(bruger=sb, handling=Handling.SOEG_CPR).count() == 1


def test_ugyldigt_cpr_nummer_vises_paa_feltet(client, sb):
    response = client.post(reverse("forloeb:borger_soeg"), {"cpr_nummer": "320190-1234"})
    assert response.status_code == 400
    assert "gyldig fødselsdato" in html_of_field(response, "cpr_nummer")
    assert not Adgangslog.objects.exists()


def test_navnesoegning_finder_borger_i_organisationen(client, sb):
    borger = BorgerFactory(organisation=sb.organisation, navn="Karen Blixen Hansen")
    BorgerFactory(navn="Karen Fremmed")  # another organisation
    html = client.get(reverse("forloeb:borger_soeg"), {"q": "karen"}).content.decode()
    assert borger.navn in html
    assert "Karen Fremmed" not in html


def test_opret_borger_og_dubleret_cpr_afvises_paa_feltet(client, sb):
    data = {
        "cpr_nummer": "010290-1236",
        "navn": "Ny Borger",
        "ydelsesgruppe": "kontanthjaelp",
        "visitation": "aktivitetsparat",
        "problemomraader": ["bolig", "misbrug"],
    }
    response = client.post(reverse("forloeb:borger_opret"), data)
    borger = Borger.objects.get(navn="Ny Borger")
    assert response.status_code == 302
    assert borger.problemomraader == ["bolig", "misbrug"]
    response = client.post(reverse("forloeb:borger_opret"), {**data, "navn": "Igen"})
    assert response.status_code == 400
    assert "findes allerede" in html_of_field(response, "cpr_nummer")


def test_visning_af_borger_skriver_praecis_en_lograekke(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    response = client.get(reverse("forloeb:borger_detalje", args=[forloeb.borger_id]))
    assert response.status_code == 200
    rows = list(Adgangslog.objects.filter(bruger=sb))
    assert len(rows) == 1
    assert rows[0].handling == Handling.VIS_BORGER
    assert rows[0].borger_id == forloeb.borger_id
    html = response.content.decode()
    assert forloeb.mentor.navn in html  # every support person
    assert reverse("forloeb:forloeb_detalje", args=[forloeb.pk]) in html


def test_visning_af_forloeb_skriver_en_lograekke(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    response = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk]))
    assert response.status_code == 200
    log = Adgangslog.objects.get(bruger=sb)
    assert (log.handling, log.forloeb_id) == (Handling.VIS_FORLOEB, forloeb.pk)
    html = response.content.decode()
    assert 'id="levering"' in html
    assert reverse("tidsregistrering:levering", args=[forloeb.pk]) in html


def test_vis_cpr_nummer_afsloerer_og_logger(client, sb):
    nummer = cpr_for(77)
    borger = BorgerFactory(organisation=sb.organisation, cpr_nummer=nummer)
    page = client.get(reverse("forloeb:borger_detalje", args=[borger.pk])).content.decode()
    assert "Vis CPR-nummer" in page
    assert nummer[6:] not in page
    response = client.post(reverse("forloeb:borger_cpr", args=[borger.pk]))
    assert f"{nummer[:6]}-{nummer[6:]}" in response.content.decode()
    assert (
        Adgangslog.objects.filter(bruger=sb, handling=Handling.VIS_CPR, borger=borger).count() == 1
    )


def test_mentor_maa_ikke_afsloere_cpr(client):
    forloeb = aktivt_forloeb()
    client.force_login(forloeb.mentor.bruger)
    response = client.post(reverse("forloeb:borger_cpr", args=[forloeb.borger_id]))
    assert response.status_code == 403
    assert not Adgangslog.objects.filter(handling=Handling.VIS_CPR).exists()


def test_foelsomme_problemomraader_kun_for_dem_der_maa(client):
    forloeb = aktivt_forloeb()
    forloeb.borger.problemomraader = [Emne.MISBRUG, Emne.BOLIG]
    forloeb.borger.save()
    url = reverse("forloeb:borger_detalje", args=[forloeb.borger_id])
    client.force_login(forloeb.sagsbehandler)
    html = client.get(url).content.decode()
    assert "Misbrug" in html and "Bolig" in html
    client.force_login(user_with_role(Rolle.MENTORKOORDINATOR, team=forloeb.team))
    html = client.get(url).content.decode()
    assert "Bolig" in html
    assert "Misbrug" not in html


# --- Work list and course list ----------------------------------------------------------


def test_arbejdsliste_viser_perioder_der_udloeber_inden_30_dage_og_kladder(client, sb):
    today = timezone.localdate()
    snart = aktivt_forloeb(
        team=team_of(sb), sagsbehandler=sb, start=today - dt.timedelta(days=60), uger=10
    )
    senere = aktivt_forloeb(
        team=team_of(sb), sagsbehandler=sb, start=today - dt.timedelta(days=7), uger=20
    )
    kladde = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    response = client.get(reverse("forloeb:arbejdsliste"))
    assert response.status_code == 200
    assert [f.pk for f in response.context["udloeber"]] == [snart.pk]
    assert senere.pk not in [f.pk for f in response.context["udloeber"]]
    assert [f.pk for f in response.context["kladder"]] == [kladde.pk]
    assert "Mine advarsler" in response.content.decode()


def test_forloebslisten_filtrerer_paa_status_og_tekst(client, sb):
    aktiv = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    kladde = ForloebFactory(team=team_of(sb), sagsbehandler=sb)
    aktivt_forloeb()  # another organisation
    url = reverse("forloeb:forloeb_liste")
    alle = client.get(url).context["side"]
    assert {f.pk for f in alle} == {aktiv.pk, kladde.pk}
    kun_kladder = client.get(url, {"status": "kladde"}).context["side"]
    assert [f.pk for f in kun_kladder] == [kladde.pk]
    navn = aktiv.borger.navn.split()[0]
    med_tekst = client.get(url, {"q": navn}).context["side"]
    assert aktiv.pk in [f.pk for f in med_tekst]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def _flere_forloeb(sb, antal):
    mentor = mentor_with_login(team_of(sb), kapacitet=50)
    for _i in range(antal):
        aktivt_forloeb(team=team_of(sb), sagsbehandler=sb, mentor=mentor)


def test_forloebslisten_koerer_et_fast_antal_queries(client, sb, django_assert_max_num_queries):
    url = reverse("forloeb:forloeb_liste")
    _flere_forloeb(sb, 3)
    med_3 = _queries(client, url)
    _flere_forloeb(sb, 12)
    assert Forloeb.objects.filter(team=team_of(sb)).count() == 15
    with django_assert_max_num_queries(med_3):
        response = client.get(url)
    assert len(response.context["side"]) == 15


def test_forloebssiden_koerer_et_fast_antal_queries(client, sb, django_assert_max_num_queries):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb, start=dt.date(2026, 1, 1))
    # One of each kind of event, so every prefetch runs already in the small case.
    services.registrer_opfoelgning(
        user=sb, forloeb=forloeb, dato=dt.date(2026, 2, 1), leveret="ja", kontakt_som_bevilget=True
    )
    services.skriv_statusrapport(user=forloeb.mentor.bruger, forloeb=forloeb, tekst="Går godt.")
    services.opret_arbejdspunkt(user=sb, forloeb=forloeb, titel="Møde til tiden")
    _flere_forloeb(sb, 2)
    url = reverse("forloeb:forloeb_detalje", args=[forloeb.pk])
    med_3 = _queries(client, url)

    _flere_forloeb(sb, 12)
    # And much more on the course itself: a second period, hours changes, meetings, follow-ups.
    forloeb.refresh_from_db()
    foerste = forloeb.bevillinger.get()
    services.bevilg_periode(
        user=sb,
        forloeb=forloeb,
        start=foerste.slut + dt.timedelta(days=1),
        slut=foerste.slut + dt.timedelta(days=90),
        timer_pr_uge=Decimal("3"),
        kvalifikationer="Som før.",
        vurdering="Fortsat behov.",
    )
    for i in range(5):
        services.aendr_timer(
            user=sb,
            bevilling=foerste,
            gaelder_fra=foerste.start + dt.timedelta(days=7 * (i + 1)),
            timer_pr_uge=Decimal(i + 1),
            begrundelse="Ændret behov.",
        )
        services.registrer_moede(
            user=sb, forloeb=forloeb, type="opfoelgning", dato=foerste.start + dt.timedelta(days=i)
        )
        services.registrer_opfoelgning(
            user=sb,
            forloeb=forloeb,
            dato=foerste.start + dt.timedelta(days=i),
            leveret="ja",
            kontakt_som_bevilget=True,
        )
    assert Forloeb.objects.filter(team=team_of(sb)).count() == 15
    with django_assert_max_num_queries(med_3):
        response = client.get(url)
    assert len(response.context["tidslinje"]) > 15


# --- Agreement -------------------------------------------------------------------------


def test_aftalen_kan_udskrives_hentes_som_pdf_og_udlevering_registreres(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    aftale = forloeb.bevillinger.get().aftale
    html = client.get(reverse("forloeb:aftale", args=[aftale.pk])).content.decode()
    assert "data-print" in html
    assert "Klagevejledning" in html
    assert forloeb.borger.cpr_maskeret in html
    pdf = client.get(reverse("forloeb:aftale_pdf", args=[aftale.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    url = reverse("forloeb:aftale_udlever", args=[aftale.pk])
    fremtid = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"udleveret": fremtid, "udleveringsmaade": "personligt"})
    assert response.status_code == 200
    assert "fremtiden" in html_of_field(response, "udleveret")
    response = client.post(
        url, {"udleveret": timezone.localdate().isoformat(), "udleveringsmaade": ""}
    )
    assert "Angiv hvordan" in html_of_field(response, "udleveringsmaade")
    response = client.post(
        url, {"udleveret": timezone.localdate().isoformat(), "udleveringsmaade": "digital_post"}
    )
    assert response.status_code == 302
    aftale.refresh_from_db()
    assert (aftale.udleveret, aftale.udleveringsmaade) == (timezone.localdate(), "digital_post")


# --- The other actions on the course page -----------------------------------------------


def test_mentorskifte_kraever_begrundelse_og_registreres(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    ny = MentorFactory(organisation=sb.organisation, navn="Ny Mentor")
    url = reverse("forloeb:forloeb_mentor", args=[forloeb.pk])
    fra = timezone.localdate().isoformat()
    response = client.post(url, {"mentor": ny.pk, "fra": fra})
    assert response.status_code == 400
    assert "begrundelse for mentorskiftet" in html_of_field(response, "begrundelse")
    # Inside a granted period the new mentor's qualifications are asked for too.
    assert "kvalificeret" in html_of_field(response, "kvalifikationer")
    response = client.post(
        url,
        {
            "mentor": ny.pk,
            "fra": fra,
            "begrundelse": "Kemien passede ikke.",
            "kvalifikationer": "Uddannet socialrådgiver med erfaring i unge.",
        },
    )
    assert response.status_code == 302
    forloeb.refresh_from_db()
    assert forloeb.mentor == ny
    html = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk])).content.decode()
    assert "Mentorskifte til Ny Mentor" in html
    assert "Kemien passede ikke." in html


def test_timeaendring_moede_og_opfoelgning_via_formularerne(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    bevilling = forloeb.bevillinger.get()
    today = timezone.localdate().isoformat()

    url = reverse("forloeb:forloeb_timer", args=[forloeb.pk])
    data = {"bevilling": bevilling.pk, "gaelder_fra": today, "timer_pr_uge": "37,01"}
    response = client.post(url, {**data, "begrundelse": "Mere behov."})
    assert "højst 37" in html_of_field(response, "timer_pr_uge")
    response = client.post(url, {**data, "timer_pr_uge": "4", "begrundelse": ""})
    assert "begrundelse" in html_of_field(response, "begrundelse")
    response = client.post(url, {**data, "timer_pr_uge": "4", "begrundelse": "Mere behov."})
    assert response.status_code == 302
    assert bevilling.timer_gaeldende(timezone.localdate()) == Decimal("4")

    url = reverse("forloeb:forloeb_moede", args=[forloeb.pk])
    response = client.post(
        url,
        {"type": "opstart", "dato": today, "deltagere": ["borger", "mentor"], "referat": "Godt."},
    )
    assert response.status_code == 302
    assert forloeb.moeder.get().deltagere == ["borger", "mentor"]

    url = reverse("forloeb:forloeb_opfoelgning", args=[forloeb.pk])
    data = {"dato": today, "leveret": "delvist", "kontakt_som_bevilget": "nej"}
    response = client.post(url, data)
    assert "ikke blev leveret" in html_of_field(response, "note")
    response = client.post(url, {**data, "note": "To aflysninger; aftalt ny plan."})
    assert response.status_code == 302
    opf = forloeb.opfoelgninger.get()
    assert (opf.leveret, opf.kontakt_som_bevilget) == ("delvist", False)


def test_afsluttet_forloeb_viser_fejl_ved_ny_periode_og_resultat_foer_tid(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    services.afslut_forloeb(
        user=sb,
        forloeb=forloeb,
        dato=timezone.localdate(),
        aarsag="job",
        borger_vurdering=5,
        mentor_vurdering=5,
    )
    sidste = forloeb.bevillinger.get()
    start = sidste.slut + dt.timedelta(days=1)
    response = client.post(
        reverse("forloeb:forloeb_periode", args=[forloeb.pk]),
        periode_data(start, start + dt.timedelta(days=30), vurdering="Fortsat."),
    )
    assert response.status_code == 400
    assert "afsluttet og kan ikke ændres" in response.content.decode()
    assert forloeb.bevillinger.count() == 1

    response = client.post(
        reverse("forloeb:forloeb_resultat", args=[forloeb.pk]),
        {"maaned": "3", "resultat": "ordinaert_job"},
    )
    assert response.status_code == 400
    assert "kan først registreres" in html_of_field(response, "maaned")


def test_urimelig_dato_giver_fejl_paa_feltet_ikke_500(client, sb):
    forloeb = kladde_med_mentor(sb)
    response = client.post(
        reverse("forloeb:forloeb_periode", args=[forloeb.pk]),
        periode_data(dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
    )
    assert response.status_code == 400
    assert "før 2100" in html_of_field(response, "start")


def test_mentor_kan_laese_sin_borgers_aftale(client):
    forloeb = aktivt_forloeb()
    client.force_login(forloeb.mentor.bruger)
    aftale = forloeb.bevillinger.get().aftale
    response = client.get(reverse("forloeb:aftale", args=[aftale.pk]))
    assert response.status_code == 200
    assert "Registrér udlevering" not in response.content.decode()
    response = client.post(
        reverse("forloeb:aftale_udlever", args=[aftale.pk]),
        {"udleveret": timezone.localdate().isoformat(), "udleveringsmaade": "personligt"},
    )
    assert response.status_code == 403


def test_teamleder_finder_historik_og_adgangslog_fra_forloebssiden(client):
    from organisation.models import Rolle
    from tests.factories import aktivt_forloeb, user_with_role

    forloeb = aktivt_forloeb()
    leder = user_with_role(Rolle.TEAMLEDER, team=forloeb.team)
    client.force_login(leder)
    html = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk])).content.decode()
    assert reverse("privacy:historik", args=[forloeb.pk]) in html
    assert reverse("privacy:adgangslog", args=[forloeb.borger_id]) in html

    client.force_login(forloeb.mentor.bruger)
    html = client.get(reverse("forloeb:forloeb_detalje", args=[forloeb.pk])).content.decode()
    assert reverse("privacy:historik", args=[forloeb.pk]) not in html


def test_afsluttet_forloeb_uden_registreret_afslutning_kan_fuldfoeres_fra_advarslens_link(client):
    # An ended course brought in without its end (AFSLUTNING_UFULDSTAENDIG links here).
    start = timezone.localdate() - dt.timedelta(weeks=30)
    forloeb = aktivt_forloeb(start=start, uger=12)
    Forloeb.objects.filter(pk=forloeb.pk).update(status=Status.AFSLUTTET)
    client.force_login(forloeb.sagsbehandler)
    url = reverse("forloeb:forloeb_fuldfoer_afslutning", args=[forloeb.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    sidste = start + dt.timedelta(weeks=12, days=-1)
    assert 'name="dato"' in html and sidste.isoformat() in html
    response = client.post(url, {"dato": "", "aarsag": "maal_naaet"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Afslutning.objects.filter(forloeb=forloeb).exists()
    data = {
        "dato": sidste.isoformat(),
        "aarsag": "maal_naaet",
        "borger_vurdering": "4",
        "mentor_vurdering": "3",
    }
    assert client.post(url, data).status_code == 302
    forloeb.refresh_from_db()
    assert (forloeb.afslutning.dato, forloeb.afslutning.aarsag) == (sidste, "maal_naaet")
    assert forloeb.afslutning.afsluttet_af == forloeb.sagsbehandler


KAEMPE = "x" * 2_000_000


def test_et_maal_eller_referat_paa_to_millioner_tegn_afvises_paa_formularen(client, sb):
    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    url = reverse("forloeb:forloeb_rediger", args=[forloeb.pk])
    data = {k: v or "" for k, v in client.get(url).context["form"].initial.items()}
    response = client.post(url, {**data, "udskrivningsdato": "", "maal": KAEMPE})
    assert response.status_code == 400
    assert "højst være 10.000 tegn" in html_of_field(response, "maal")
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("forloeb:forloeb_moede", args=[forloeb.pk]),
        {"type": "opstart", "dato": today, "deltagere": ["borger"], "referat": KAEMPE},
    )
    assert response.status_code == 400
    assert "10.000" in html_of_field(response, "referat")
    forloeb.refresh_from_db()
    assert len(forloeb.maal) < 10_000 and not forloeb.moeder.exists()


def test_et_maal_eller_referat_paa_to_millioner_tegn_afvises_paa_api_et(sb):
    from rest_framework.test import APIClient

    forloeb = aktivt_forloeb(team=team_of(sb), sagsbehandler=sb)
    api = APIClient()
    api.force_authenticate(sb)
    svar = api.patch(
        f"/api/v1/forloeb/{forloeb.pk}/",
        {"maal": KAEMPE, "version": forloeb.version},
        format="json",
    )
    assert svar.status_code == 400 and "maal" in svar.json()
    svar = api.post(
        f"/api/v1/forloeb/{forloeb.pk}/moeder/",
        {"type": "opstart", "dato": timezone.localdate().isoformat(), "referat": KAEMPE},
        format="json",
    )
    assert svar.status_code == 400 and "referat" in svar.json()
    assert not forloeb.moeder.exists()
