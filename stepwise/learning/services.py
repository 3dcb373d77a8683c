from django.db import transaction

from stepwise.learning.models import DEFAULT_PRACTICE_AREAS, PracticeArea


@transaction.atomic
def practice_areas_seed(*, organisation) -> list[PracticeArea]:
    """Give an organisation the default practice areas, once; admins change them later."""
    existing = PracticeArea.unscoped.filter(organisation=organisation)
    if existing.exists():
        return list(existing)
    return PracticeArea.unscoped.bulk_create(
        PracticeArea(organisation=organisation, name=name, position=position)
        for position, name in enumerate(DEFAULT_PRACTICE_AREAS)
    )
