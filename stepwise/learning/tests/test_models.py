import pytest
from django.db import IntegrityError, transaction

from stepwise.learning.models import DEFAULT_PRACTICE_AREAS, Note, PracticeArea, Status, Visibility
from stepwise.learning.tests.factories import NoteFactory


def test_every_organisation_starts_with_the_default_practice_areas(tenant_a):
    with tenant_a.context():
        assert list(PracticeArea.objects.values_list("name", flat=True)) == DEFAULT_PRACTICE_AREAS


def test_the_scoped_manager_refuses_to_run_without_an_organisation(tenant_a):
    NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user)
    with pytest.raises(RuntimeError):
        list(Note.objects.all())


@pytest.mark.parametrize("bad", [
    {"status": Status.SUBMITTED, "what_happened": ""},
    {"status": Status.SUBMITTED, "kind": ""},
    {"status": Status.WITHDRAWN, "withdrawn_at": None},
    {"visibility": Visibility.ORGANISATION},  # not without the de-identification review
    {"kind": "blame"},
])
def test_the_database_refuses_impossible_notes(tenant_a, bad):
    with pytest.raises(IntegrityError), transaction.atomic():
        NoteFactory(team=tenant_a.teams[0], author=tenant_a.practitioner.user, **bad)
