"""Access helpers: every measure or check named in user input is fetched through these.

Measures are open to everyone in their organisation; another organisation's, or a missing
one, raise the same 404.
"""

from stepwise.core.access import get_or_404
from stepwise.measures.models import Measure, SustainCheck
from stepwise.measures.selectors import measure_queryset


def access_measure_by_id(measure_id: int) -> Measure:
    return get_or_404(measure_queryset(), pk=measure_id)


def access_sustain_check_by_id(check_id: int) -> SustainCheck:
    return get_or_404(SustainCheck.objects.select_related("watch__measure", "watch__owner",
                                                   "resolved_by"), pk=check_id)
