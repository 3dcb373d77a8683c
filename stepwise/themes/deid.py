"""The organisation's de-identifier, built once per set of staff names.

A stand-in for the privacy app's ``deidentifier_for``; the lead points this at it on merge.
"""

import hashlib
from collections import OrderedDict

from stepwise.organisations.models import Membership
from stepwise.privacy.deid import Deidentifier, redact

_cache: "OrderedDict[tuple[int, str], Deidentifier]" = OrderedDict()


def deidentifier_for(organisation) -> Deidentifier:
    staff = sorted(
        Membership.unscoped.filter(organisation=organisation, is_active=True)
        .values_list("user__full_name", flat=True)
    )
    key = (organisation.pk, hashlib.sha256(repr(staff).encode()).hexdigest())
    if key not in _cache:
        _cache[key] = Deidentifier(staff_names=staff)
        while len(_cache) > 32:
            _cache.popitem(last=False)
    _cache.move_to_end(key)
    return _cache[key]


def deidentify(organisation, text: str) -> str:
    deidentifier = deidentifier_for(organisation)
    return redact(text, deidentifier.detect(text))
