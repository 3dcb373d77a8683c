from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stepwise.themes.engine.discover import Discovery

MIN_JACCARD = 0.2


def match_themes(
    old: Mapping[str, str | None],
    new: Mapping[str, str | None],
    *,
    min_jaccard: float = MIN_JACCARD,
) -> dict[str, str]:
    """Map each new theme key to the old key it continues, by the notes they share.

    One-to-one and greedy by overlap, so a split keeps the old key on its larger part and a
    merge keeps the key of the larger old theme; unmatched new keys are new themes.
    """
    shared = [doc_id for doc_id in new if doc_id in old]
    old_sizes = Counter(key for key in old.values() if key is not None)
    new_sizes = Counter(key for key in new.values() if key is not None)
    overlap = Counter(
        (new[doc_id], old[doc_id])
        for doc_id in shared
        if new[doc_id] is not None and old[doc_id] is not None
    )
    candidates = []
    for (new_key, old_key), count in overlap.items():
        jaccard = count / (new_sizes[new_key] + old_sizes[old_key] - count)
        if jaccard >= min_jaccard:
            candidates.append((-count, -jaccard, new_key, old_key))
    result: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, new_key, old_key in sorted(candidates):
        if new_key not in result and old_key not in taken:
            result[new_key] = old_key
            taken.add(old_key)
    return result


def carry_keys(discovery: Discovery, previous: Mapping[str, str | None]) -> Discovery:
    """Rename a fresh clustering's themes to the keys of the themes they continue."""
    renamed = match_themes(previous, discovery.assignments)
    used = set(renamed.values())
    for theme in discovery.themes:
        if theme.key in renamed:
            continue
        # A theme with no predecessor keeps its own key unless a continuing theme took it.
        key, suffix = theme.key, 2
        while key in used:
            key, suffix = f"{theme.key}-{suffix}", suffix + 1
        renamed[theme.key] = key
        used.add(key)
    return replace(
        discovery,
        assignments={
            doc_id: renamed[key] if key is not None else None
            for doc_id, key in discovery.assignments.items()
        },
        themes=[replace(theme, key=renamed[theme.key]) for theme in discovery.themes],
        model=replace(discovery.model, keys=[renamed.get(key, key) for key in discovery.model.keys]),
    )
