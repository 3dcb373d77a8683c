"""Demo learning notes: about 300 fictional notes built from hand-written fragments.

Idempotent: an organisation that already has notes is left alone.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from stepwise.core.tenancy import tenant_context
from stepwise.learning import services
from stepwise.learning.demo_text import CLOSERS, ME_TOO_COMMENTS, OPENERS, REPLIES, SCENARIOS
from stepwise.learning.models import (
    MeToo,
    Note,
    NoteFactor,
    PracticeArea,
    Reply,
    Status,
    Thanks,
)
from stepwise.organisations.models import Membership, Organisation

NOTES_PER_TEAM = {"wellbridge": 46, "wellbridge-partnership": 24}


def _text(rng, scenario) -> dict:
    kind, area, factors, happened, expected, why, next_time = scenario
    opener = rng.choice(OPENERS[kind])
    what = f"{opener}, {happened}.{rng.choice(CLOSERS[kind])}"
    fields = {"kind": kind, "area": area, "what_happened": what, "what_expected": "",
              "why_difference": "", "next_time": "", "factors": []}
    # Most people answer only the first prompt or two; some answer all four.
    depth = rng.choice([1, 1, 2, 3, 4, 4])
    if depth >= 2:
        fields["next_time"] = next_time[0].upper() + next_time[1:] + "."
    if depth >= 3:
        fields["what_expected"] = f"I expected {expected}."
    if depth >= 4:
        fields["why_difference"] = why[0].upper() + why[1:] + "."
        fields["factors"] = factors
    return fields


@transaction.atomic
def load(stdout) -> None:
    rng = random.Random(20261127)
    now = timezone.now()
    total = 0
    for slug, per_team in NOTES_PER_TEAM.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        with tenant_context(organisation):
            services.practice_areas_seed(organisation=organisation)
            if Note.objects.exists():
                continue
            areas = {a.name: a for a in PracticeArea.objects.all()}
            members = list(Membership.objects.select_related("user", "team")
                           .filter(is_active=True, team__isnull=False))
            by_team: dict[int, list[Membership]] = {}
            for member in members:
                by_team.setdefault(member.team_id, []).append(member)
            for team_members in by_team.values():
                for _ in range(per_team):
                    author = rng.choice(team_members)
                    fields = _text(rng, rng.choice(SCENARIOS))
                    submitted = now - timedelta(days=rng.uniform(0, 150),
                                                minutes=rng.randint(0, 600))
                    note = Note.objects.create(
                        organisation=organisation, team=author.team, author=author.user,
                        is_anonymous=rng.random() < 0.12, kind=fields["kind"],
                        what_happened=fields["what_happened"],
                        what_expected=fields["what_expected"],
                        why_difference=fields["why_difference"], next_time=fields["next_time"],
                        practice_area=areas.get(fields["area"]), status=Status.SUBMITTED,
                        submitted_at=submitted,
                    )
                    NoteFactor.objects.bulk_create(
                        NoteFactor(organisation=organisation, note=note, factor=f)
                        for f in fields["factors"]
                    )
                    Note.objects.filter(pk=note.pk).update(created_at=submitted,
                                                           updated_at=submitted)
                    _responses(rng, organisation, note, team_members)
                    total += 1
            _drafts(organisation, members)
    stdout.write(f"Learning notes: {total} demo notes with 'me too', replies and thanks.")


def _responses(rng, organisation, note, team_members) -> None:
    others = [m for m in team_members if m.user_id != note.author_id]
    if not others:
        return
    for member in rng.sample(others, k=min(len(others), rng.choice([0, 0, 0, 1, 1, 2, 3]))):
        MeToo.objects.create(organisation=organisation, note=note, person=member.user,
                             comment=rng.choice(ME_TOO_COMMENTS))
        Note.objects.filter(pk=note.pk).update(me_too_count=F("me_too_count") + 1)
    for member in rng.sample(others, k=min(len(others), rng.choice([0, 0, 1, 1, 2]))):
        Thanks.objects.create(organisation=organisation, note=note, person=member.user)
        Note.objects.filter(pk=note.pk).update(thanks_count=F("thanks_count") + 1)
    if rng.random() < 0.3:
        member = rng.choice(others)
        Reply.objects.create(organisation=organisation, note=note, author=member.user,
                             text=rng.choice(REPLIES))
        Note.objects.filter(pk=note.pk).update(reply_count=F("reply_count") + 1)


def _drafts(organisation, members) -> None:
    """The demo practitioner has a half-written draft to find again, and news waiting."""
    for member in members:
        if not member.user.email.startswith("practitioner@"):
            continue
        Note.objects.create(
            organisation=organisation, team=member.team, author=member.user,
            status=Status.DRAFT, kind="observation",
            what_happened="Parents keep asking for the conference report in plain English",
        )
        colleague = next(m for m in members
                         if m.team_id == member.team_id and m.pk != member.pk)
        for note in Note.objects.filter(author=member.user, status=Status.SUBMITTED)[:2]:
            services.reply_add(membership=colleague, note=note,
                               text="Thank you for this. Shall we talk about it at Monday's huddle?")
            if not MeToo.objects.filter(note=note, person=colleague.user).exists():
                services.me_too_add(membership=colleague, note=note,
                                    comment="The same thing happened on my visit last week.")
        # One report waits for the improvement lead to review.
        reported = (Note.objects.filter(team=member.team, status=Status.SUBMITTED)
                    .exclude(author=colleague.user).order_by("-submitted_at").first())
        if reported is not None:
            services.note_report(
                membership=colleague, note=reported, reason="other",
                detail="Could someone check this reads as intended before the team sees it?")
