from django.conf import settings
from django.utils.functional import SimpleLazyObject

from stepwise.core import navigation, policy


def stepwise(request):
    membership = getattr(request, "membership", None)

    def memberships():
        if not request.user.is_authenticated:
            return []
        from stepwise.organisations.selectors import user_memberships

        return list(user_memberships(user=request.user))

    lazy_memberships = SimpleLazyObject(memberships)
    return {
        "organisation": getattr(request, "organisation", None),
        "membership": membership,
        "can": _Capabilities(membership),
        "nav_items": SimpleLazyObject(lambda: navigation.items_for(request)),
        "user_memberships": lazy_memberships,
        "user_has_several_organisations": SimpleLazyObject(lambda: len(lazy_memberships) > 1),
        "DEBUG": settings.DEBUG,
    }


class _Capabilities:
    """Lets templates ask ``{% if can.member_invite %}`` of the one policy."""

    def __init__(self, membership):
        self._membership = membership

    def __getattr__(self, name: str) -> bool:
        capability = name.replace("_", ".", 1)
        if capability not in policy.CAPABILITIES:
            raise AttributeError(name)
        return policy.can(self._membership, capability)
