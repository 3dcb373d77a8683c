import factory
from django.utils import timezone

from stepwise.learning.models import Kind, MeToo, Note, NoteFactor, Status
from stepwise.organisations.tests.factories import TenantFactory


class NoteFactory(TenantFactory):
    """A shared (submitted) team note; pass ``status=Status.DRAFT`` for a draft."""

    class Meta:
        model = Note

    organisation = factory.LazyAttribute(lambda o: o.team.organisation)
    kind = Kind.OBSERVATION
    what_happened = factory.Sequence(
        lambda n: f"Note {n}: the transfer meeting started late because the chronology was missing."
    )
    status = Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class NoteFactorFactory(TenantFactory):
    class Meta:
        model = NoteFactor

    organisation = factory.LazyAttribute(lambda o: o.note.organisation)


class MeTooFactory(TenantFactory):
    class Meta:
        model = MeToo

    organisation = factory.LazyAttribute(lambda o: o.note.organisation)
