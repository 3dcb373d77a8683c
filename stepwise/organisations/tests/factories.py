import factory
from django.contrib.auth.hashers import make_password

from stepwise.accounts.models import User
from stepwise.core.policy import Role
from stepwise.organisations.models import Membership, Organisation, Team

PASSWORD = "correct-horse-battery"
_password_hash: str | None = None


def password_hash() -> str:
    # Argon2 is deliberately slow; hash the shared test password once per run.
    global _password_hash
    if _password_hash is None:
        _password_hash = make_password(PASSWORD)
    return _password_hash


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.LazyFunction(password_hash)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")


class TenantFactory(factory.django.DjangoModelFactory):
    """Creates through the unscoped manager: tests build data for any organisation."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.unscoped.create(*args, **kwargs)


class TeamFactory(TenantFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(TenantFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PRACTITIONER
    team = None
