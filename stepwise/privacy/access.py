
from stepwise.core.access import get_or_404
from stepwise.privacy.models import OrganisationPhrase


def access_phrase_by_id(phrase_id: int) -> OrganisationPhrase:
    return get_or_404(OrganisationPhrase.objects, pk=phrase_id)
