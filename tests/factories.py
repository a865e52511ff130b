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
