from django.http import Http404

from stepwise.privacy.models import OrganisationPhrase


def access_phrase_by_id(phrase_id: int) -> OrganisationPhrase:
    try:
        return OrganisationPhrase.objects.get(pk=phrase_id)
    except (OrganisationPhrase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
