from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], **lookup) -> M:
    """The object, or the same 404 whether it is missing, forbidden or its id is malformed.

    Access helpers pass querysets already scoped to what the person may see.
    """
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
