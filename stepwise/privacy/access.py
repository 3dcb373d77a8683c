
from stepwise.core.access import get_or_404
from stepwise.privacy.models import OrganisationPhrase, OutsideText


def access_phrase_by_id(phrase_id: int) -> OrganisationPhrase:
    return get_or_404(OrganisationPhrase.objects, pk=phrase_id)


def access_own_outside_text(membership, text_id: int) -> OutsideText:
    """Only the person who wrote a text corrects what outsiders read of it."""
    return get_or_404(OutsideText.objects.select_related("content_type")
                      .filter(author_id=membership.user_id), pk=text_id)


def access_outside_object(row: OutsideText):
    return get_or_404(row.content_type.model_class().objects, pk=row.object_id)
