"""Factories for every test: one place, so a model change is mended once."""

import factory
from django.conf import settings

from organisation.models import Organisation, Rolle, Team, User

PASSWORD = "korrekt-hest-batteri-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("navn",)

    navn = factory.Sequence(lambda n: f"Kommune {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    navn = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    organisation = factory.SubFactory(OrganisationFactory)
    roller = factory.LazyFunction(list)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)
            for team in extracted:
                if Rolle.TEAMLEDER in self.roller:
                    team.ledere.add(self)
        if create:
            self.save()


def user_with_role(rolle: str, team: Team | None = None, **kwargs) -> User:
    team = team or TeamFactory()
    return UserFactory(roller=[rolle], organisation=team.organisation, teams=[team], **kwargs)


assert settings.AUTH_USER_MODEL == "organisation.User"


# --- forloeb ----------------------------------------------------------------------------

import datetime as _dt  # noqa: E402
from decimal import Decimal  # noqa: E402

from django.utils import timezone  # noqa: E402

from forloeb import cpr as _cpr  # noqa: E402
from forloeb import services as forloeb_services  # noqa: E402
from forloeb.models import Borger, Forloeb, Mentor, MentorType, Ydelsesgruppe  # noqa: E402


def cpr_for(n: int, born: _dt.date = _dt.date(1990, 1, 1)) -> str:
    """A valid CPR number (1900s century digit) unique per n."""
    return f"{born:%d%m%y}{1000 + n % 9000:04d}"


class BorgerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Borger

    class Params:
        cpr_nummer = factory.Sequence(lambda n: cpr_for(n))

    organisation = factory.SubFactory(OrganisationFactory)
    navn = factory.Faker("name", locale="da_DK")
    ydelsesgruppe = Ydelsesgruppe.KONTANTHJAELP
    cpr_krypteret = factory.LazyAttribute(lambda o: _cpr.encrypt(o.cpr_nummer))
    cpr_hash = factory.LazyAttribute(lambda o: _cpr.lookup_hash(o.cpr_nummer))
    foedselsdato = factory.LazyAttribute(lambda o: _cpr.birth_date(o.cpr_nummer))


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    organisation = factory.SubFactory(OrganisationFactory)
    navn = factory.Faker("name", locale="da_DK")
    type = MentorType.INTERN
    telefon = "12345678"
    email = factory.Sequence(lambda n: f"mentor{n}@kommune.invalid")
    uddannelse = "Socialrådgiver"


def mentor_with_login(team: Team, **kwargs) -> Mentor:
    """A mentor who can log in (role mentor) in the team's organisation."""
    user = user_with_role(Rolle.MENTOR, team=team)
    return MentorFactory(organisation=team.organisation, bruger=user, **kwargs)


class ForloebFactory(factory.django.DjangoModelFactory):
    """A draft course with purpose, goal and tasks, but no mentor or period."""

    class Meta:
        model = Forloeb

    team = factory.SubFactory(TeamFactory)
    organisation = factory.SelfAttribute("team.organisation")
    borger = factory.SubFactory(BorgerFactory, organisation=factory.SelfAttribute("..organisation"))
    sagsbehandler = factory.LazyAttribute(
        lambda o: user_with_role(Rolle.SAGSBEHANDLER, team=o.team)
    )
    formaal = "uddannelse"
    maal = "Borgeren starter på en erhvervsuddannelse efter sommerferien."
    opgaver = "Hjælpe med struktur i hverdagen og at møde til tiden."


def aktivt_forloeb(
    *,
    team: Team | None = None,
    start: _dt.date | None = None,
    uger: int = 26,
    timer: str = "2",
    mentor: Mentor | None = None,
    **kwargs,
) -> Forloeb:
    """A course granted through the services: mentor assigned and a first period."""
    forloeb = ForloebFactory(**({"team": team} if team else {}), **kwargs)
    start = start or timezone.localdate() - _dt.timedelta(weeks=4)
    mentor = mentor or mentor_with_login(forloeb.team)
    sb = forloeb.sagsbehandler
    forloeb_services.tildel_mentor(user=sb, forloeb=forloeb, mentor=mentor, fra=start)
    slut = min(
        start + _dt.timedelta(weeks=uger) - _dt.timedelta(days=1),
        forloeb_services.seneste_slutdato(start),
    )
    forloeb_services.bevilg_periode(
        user=sb,
        forloeb=forloeb,
        start=start,
        slut=slut,
        timer_pr_uge=Decimal(timer),
        kvalifikationer="Erfaren med unge og struktur.",
        # A course that started in the past was decided then (not registered late).
        besluttet=min(start, timezone.localdate()),
    )
    forloeb.refresh_from_db()
    return forloeb
