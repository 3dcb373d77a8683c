"""The main menu inside an organisation. Each app adds its entries in ``AppConfig.ready``."""

from dataclasses import dataclass

from django.urls import reverse

from stepwise.core import policy


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    capability: str | None = None
    order: int = 100


_entries: list[NavEntry] = []


def register(entry: NavEntry) -> None:
    if entry not in _entries:
        _entries.append(entry)
        _entries.sort(key=lambda e: e.order)


def items_for(request) -> list[dict]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    items = []
    for entry in _entries:
        if entry.capability and not policy.can(membership, entry.capability):
            continue
        url = reverse(entry.url_name, kwargs={"org_slug": request.organisation.slug})
        items.append(
            {"label": entry.label, "url": url, "active": request.path.startswith(url)}
        )
    return items
