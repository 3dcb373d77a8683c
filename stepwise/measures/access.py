"""Access helpers: every measure or check named in user input is fetched through these.

Measures are open to everyone in their organisation; another organisation's, or a missing
one, raise the same 404.
"""

from django.http import Http404

from stepwise.measures.models import Measure, SustainCheck
from stepwise.measures.selectors import measure_queryset


def access_measure_by_id(measure_id: int) -> Measure:
    try:
        return measure_queryset().get(pk=measure_id)
    except (Measure.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_sustain_check_by_id(check_id: int) -> SustainCheck:
    try:
        return SustainCheck.objects.select_related("watch__measure", "watch__owner",
                                                   "resolved_by").get(pk=check_id)
    except (SustainCheck.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
