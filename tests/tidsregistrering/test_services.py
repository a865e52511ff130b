import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forloeb import services as forloeb_services
from organisation.models import Rolle
from tests.factories import aktivt_forloeb, mentor_with_login, user_with_role
from tidsregistrering import services
from tidsregistrering.models import Kontakt, Ugeregistrering

from .conftest import kontakt, mandag, uge_af

pytestmark = pytest.mark.django_db


def registrer(user, forloeb, monday, kontakter=(), **kwargs):
    return services.registrer_uge(
        user=user, forloeb=forloeb, kontakter=list(kontakter), **uge_af(monday), **kwargs
    )


def fejl(exc_info, field):
    return " ".join(exc_info.value.message_dict.get(field, []))


def test_kontakt_paa_ugens_mandag_og_soendag_godkendes(forloeb, mentorbruger):
    m = mandag(1)
    reg = registrer(
        mentorbruger, forloeb, m, [kontakt(m, 30), kontakt(m + dt.timedelta(days=6), 45)]
    )
    assert reg.minutter_i_alt == 75
    assert reg.kontakter.count() == 2
    assert reg.uge_start == m
    assert reg.mentor == forloeb.mentor


def test_kontakt_dateret_uden_for_ugen_afvises(forloeb, mentorbruger):
    m = mandag(1)
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m, [kontakt(m - dt.timedelta(days=1))])
    assert "ligger ikke i uge" in fejl(exc, "kontakter")
    with pytest.raises(ValidationError):
        registrer(mentorbruger, forloeb, m, [kontakt(m + dt.timedelta(days=7))])
    assert not Ugeregistrering.objects.exists()


def test_uge_efter_periodens_slut_afvises():
    # The period ends on the Sunday two weeks ago.
    forloeb = aktivt_forloeb(start=mandag(6), uger=5)
    user = forloeb.mentor.bruger
    registrer(user, forloeb, mandag(2), [kontakt(mandag(2))])
    with pytest.raises(ValidationError) as exc:
        registrer(user, forloeb, mandag(1), [kontakt(mandag(1))])
    assert "uden for forløbets bevilgede perioder" in fejl(exc, "uge")


def test_kontakt_efter_periodens_slutdag_i_samme_uge_afvises():
    # Granted from a Wednesday for four weeks: the period ends on a Tuesday.
    forloeb = aktivt_forloeb(start=mandag(6) + dt.timedelta(days=2), uger=4)
    user = forloeb.mentor.bruger
    sidste = forloeb.bevillinger.get().slut
    m = sidste - dt.timedelta(days=sidste.weekday())
    registrer(user, forloeb, m, [kontakt(sidste)])
    with pytest.raises(ValidationError) as exc:
        registrer(user, forloeb, m, [kontakt(sidste + dt.timedelta(days=1))])
    assert "uden for den bevilgede periode" in fejl(exc, "kontakter")


def test_fremtidig_uge_afvises_og_denne_uge_godkendes(forloeb, mentorbruger):
    today = timezone.localdate()
    registrer(mentorbruger, forloeb, mandag(0), [kontakt(today)])
    naeste = mandag(0) + dt.timedelta(weeks=1)
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, naeste, [kontakt(naeste)])
    assert "ikke begyndt" in fejl(exc, "uge")


def test_kontakt_dateret_i_morgen_afvises(forloeb, mentorbruger):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    if tomorrow.weekday() == 0:
        pytest.skip("i dag er søndag; i morgen er en ny uge (dækket af fremtidig-uge-testen)")
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, mandag(0), [kontakt(tomorrow)])
    assert "fremtiden" in fejl(exc, "kontakter")


def test_37_timer_godkendes_og_37_timer_og_1_minut_afvises(forloeb, mentorbruger):
    m = mandag(2)
    dage = [m + dt.timedelta(days=i) for i in range(5)]
    fuld = [kontakt(d, 444) for d in dage]  # 5 × 444 = 2220 = 37 h
    reg = registrer(mentorbruger, forloeb, m, fuld)
    assert reg.minutter_i_alt == 37 * 60
    m2 = mandag(3)
    over = [kontakt(m2 + dt.timedelta(days=i), 444) for i in range(5)]
    over[0]["minutter"] = 445
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m2, over)
    assert "Højst 37 timer" in fejl(exc, "kontakter")
    assert not Ugeregistrering.objects.filter(uge_start=m2).exists()


def test_minutter_skal_vaere_over_nul(forloeb, mentorbruger):
    m = mandag(1)
    registrer(mentorbruger, forloeb, m, [kontakt(m, 1)])
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, mandag(2), [kontakt(mandag(2), 0)])
    assert "mere end 0" in fejl(exc, "kontakter")


def test_enten_kontakter_eller_aarsag_ikke_begge_og_ikke_ingen(forloeb, mentorbruger):
    m = mandag(1)
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m, [kontakt(m)], ingen_kontakt_aarsag="udeblev")
    assert "ikke begge" in fejl(exc, "ingen_kontakt_aarsag")
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m, [])
    assert "mindst én kontakt" in fejl(exc, "kontakter")
    reg = registrer(mentorbruger, forloeb, m, [], ingen_kontakt_aarsag="udeblev")
    assert reg.minutter_i_alt == 0 and reg.ingen_kontakt_aarsag == "udeblev"


def test_tidligere_mentor_afvises_efter_mentorskift(forloeb, mentorbruger):
    ny = mentor_with_login(forloeb.team)
    forloeb_services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=ny,
        fra=mandag(1),
        begrundelse="Mentor er stoppet.",
        kvalifikationer="Erfaren med målgruppen.",
    )
    # Before the change: the previous mentor's week.
    registrer(mentorbruger, forloeb, mandag(2), [kontakt(mandag(2))])
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, mandag(1), [kontakt(mandag(1))])
    assert "ikke mentor på forløbet i uge" in fejl(exc, "uge")
    # The new mentor registers from the change on, and not the weeks before it.
    registrer(ny.bruger, forloeb, mandag(1), [kontakt(mandag(1))])
    with pytest.raises(ValidationError):
        registrer(ny.bruger, forloeb, mandag(3), [kontakt(mandag(3))])


def test_mentor_skift_midt_i_ugen_respekteres_dag_for_dag(forloeb, mentorbruger):
    skift = mandag(1) + dt.timedelta(days=3)  # Thursday last week
    ny = mentor_with_login(forloeb.team)
    forloeb_services.tildel_mentor(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        mentor=ny,
        fra=skift,
        begrundelse="Skift",
        kvalifikationer="Erfaren med målgruppen.",
    )
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, mandag(1), [kontakt(skift)])
    assert "ikke mentor på forløbet den" in fejl(exc, "kontakter")
    registrer(mentorbruger, forloeb, mandag(1), [kontakt(skift - dt.timedelta(days=1))])


def test_anden_bruger_end_mentor_faar_adgang_naegtet(forloeb):
    with pytest.raises(PermissionDenied):
        registrer(forloeb.sagsbehandler, forloeb, mandag(1), [kontakt(mandag(1))])
    fremmed = mentor_with_login(forloeb.team)
    with pytest.raises(PermissionDenied):
        registrer(fremmed.bruger, forloeb, mandag(1), [kontakt(mandag(1))])


def test_kontakt_efter_forloebets_afslutning_afvises(forloeb, mentorbruger):
    slut = mandag(1) + dt.timedelta(days=2)
    forloeb_services.afslut_forloeb(
        user=forloeb.sagsbehandler,
        forloeb=forloeb,
        dato=slut,
        aarsag="job",
        borger_vurdering=4,
        mentor_vurdering=4,
    )
    forloeb.refresh_from_db()
    registrer(mentorbruger, forloeb, mandag(1), [kontakt(slut)])
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, mandag(1), [kontakt(slut + dt.timedelta(days=1))])
    assert "efter forløbets afslutning" in fejl(exc, "kontakter")


def test_ny_indsendelse_erstatter_ugens_kontakter_og_holder_minutter_i_alt(forloeb, mentorbruger):
    m = mandag(1)
    reg = registrer(mentorbruger, forloeb, m, [kontakt(m, 30)])
    reg2 = registrer(
        mentorbruger,
        forloeb,
        m,
        [kontakt(m, 30), kontakt(m + dt.timedelta(days=1), 90)],
        version=reg.version,
    )
    assert reg2.pk == reg.pk
    assert reg2.minutter_i_alt == 120
    assert Kontakt.objects.filter(registrering=reg).count() == 2
    # Editing from a stale version is refused with a Danish message.
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m, [kontakt(m, 15)], version=reg.version)
    assert "ændret, siden du åbnede" in fejl(exc, "__all__")


def test_gentaget_identisk_indsendelse_giver_een_raekke(forloeb, mentorbruger):
    m = mandag(1)
    a = registrer(mentorbruger, forloeb, m, [kontakt(m, 30)])
    b = registrer(mentorbruger, forloeb, m, [kontakt(m, 30)], version=a.version - 0)
    c = registrer(mentorbruger, forloeb, m, [kontakt(m, 30)], version=None)
    assert a.pk == b.pk == c.pk
    assert Ugeregistrering.objects.count() == 1
    assert Kontakt.objects.count() == 1


def test_godkendt_uge_er_laast_indtil_genaabnet_med_begrundelse_i_historikken(
    forloeb, mentorbruger
):
    m = mandag(1)
    reg = registrer(mentorbruger, forloeb, m, [kontakt(m, 30)])
    sb = forloeb.sagsbehandler
    services.godkend_uge(user=sb, registrering=reg)
    reg.refresh_from_db()
    assert reg.godkendt_af == sb
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m, [kontakt(m, 60)])
    assert "godkendt og låst" in fejl(exc, "__all__")
    with pytest.raises(ValidationError) as exc:
        services.genaabn_uge(user=sb, registrering=reg, begrundelse="  ")
    assert fejl(exc, "begrundelse")
    genaabnet = services.genaabn_uge(user=sb, registrering=reg, begrundelse="Forkert dato")
    # A second write names the version it builds on; without it nothing is overwritten.
    with pytest.raises(ValidationError) as exc:
        registrer(mentorbruger, forloeb, m, [kontakt(m, 60)])
    assert "Send versionen med" in fejl(exc, "__all__")
    reg = registrer(mentorbruger, forloeb, m, [kontakt(m, 60)], version=genaabnet.version)
    assert reg.minutter_i_alt == 60 and reg.godkendt is None
    assert reg.genaabnet_begrundelse == "Forkert dato"
    reasons = list(reg.history.values_list("history_change_reason", flat=True))
    assert "Genåbnet: Forkert dato" in reasons
    assert "Godkendt" in reasons


def test_kun_forloebets_sagsbehandler_godkender(forloeb, mentorbruger):
    m = mandag(1)
    reg = registrer(mentorbruger, forloeb, m, [kontakt(m, 30)])
    with pytest.raises(PermissionDenied):
        services.godkend_uge(user=mentorbruger, registrering=reg)
    andet_team = user_with_role(Rolle.SAGSBEHANDLER)
    with pytest.raises(PermissionDenied):
        services.godkend_uge(user=andet_team, registrering=reg)
    kollega = user_with_role(Rolle.SAGSBEHANDLER, team=forloeb.team)
    services.godkend_uge(user=kollega, registrering=reg)
    assert Ugeregistrering.objects.get().godkendt_af == kollega


def test_igangvaerende_uge_kan_ikke_godkendes(forloeb, mentorbruger):
    reg = registrer(mentorbruger, forloeb, mandag(0), [kontakt(timezone.localdate())])
    with pytest.raises(ValidationError) as exc:
        services.godkend_uge(user=forloeb.sagsbehandler, registrering=reg)
    assert "ikke slut" in fejl(exc, "__all__")


def test_godkend_alle_godkender_afsluttede_uger(forloeb, mentorbruger):
    regs = [
        registrer(mentorbruger, forloeb, mandag(n), [kontakt(mandag(n), 30)]) for n in (3, 2, 1)
    ]
    regs.append(registrer(mentorbruger, forloeb, mandag(0), [kontakt(timezone.localdate())]))
    antal = services.godkend_uger(user=forloeb.sagsbehandler, forloeb=forloeb, registreringer=regs)
    assert antal == 3
    assert Ugeregistrering.objects.godkendte().count() == 3


def test_bevilget_timer_foelger_timeaendring(forloeb, mentorbruger):
    from tidsregistrering.selectors import levering

    bevilling = forloeb.bevillinger.get()
    forloeb_services.aendr_timer(
        user=forloeb.sagsbehandler,
        bevilling=bevilling,
        gaelder_fra=mandag(2),
        timer_pr_uge=Decimal("4"),
        begrundelse="Flere behov",
    )
    registrer(mentorbruger, forloeb, mandag(2), [kontakt(mandag(2), 150)])
    result = levering(forloeb)
    by_monday = {u.mandag: u for u in result.uger}
    assert by_monday[mandag(3)].bevilget_timer == Decimal("2")
    assert by_monday[mandag(2)].bevilget_timer == Decimal("4")
    assert by_monday[mandag(2)].leveret_minutter == 150
    assert len(result.uger) == 9  # eight past weeks and this one
