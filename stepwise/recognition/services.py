from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.improvements.models import Cycle, Idea
from stepwise.learning.models import Kind, Note, Status
from stepwise.organisations.models import Membership
from stepwise.recognition.models import Highlight, Nomination, Thanks
from stepwise.recognition.selectors import month_of


def _is_idea_owner(membership: Membership, idea: Idea) -> bool:
    return idea.author_id == membership.user_id or idea.owners.filter(
        pk=membership.user_id).exists()


def _give_thanks(membership: Membership, event: type, **target) -> Thanks:
    """Thanks for one idea or cycle (target is idea= or cycle=), given once and audited once."""
    (obj,) = target.values()
    thanks, created = Thanks.objects.get_or_create(
        person=membership.user, defaults={"organisation": membership.organisation}, **target)
    if created:
        audit.record(event(thanked=True), organisation=membership.organisation,
                     actor=membership.user, target=obj)
    return thanks


def _take_back_thanks(membership: Membership, event: type, **target) -> bool:
    (obj,) = target.values()
    deleted, _ = Thanks.objects.filter(person=membership.user, **target).delete()
    if deleted:
        audit.record(event(thanked=False), organisation=membership.organisation,
                     actor=membership.user, target=obj)
    return bool(deleted)


@transaction.atomic
def idea_thank(*, membership: Membership, idea: Idea) -> Thanks:
    policy.require(membership, "recognition.thank")
    if _is_idea_owner(membership, idea):
        raise ValidationError("This is your own idea.")
    return _give_thanks(membership, audit.IdeaThanked, idea=idea)


@transaction.atomic
def idea_unthank(*, membership: Membership, idea: Idea) -> bool:
    policy.require(membership, "recognition.thank")
    return _take_back_thanks(membership, audit.IdeaThanked, idea=idea)


@transaction.atomic
def cycle_thank(*, membership: Membership, cycle: Cycle) -> Thanks:
    policy.require(membership, "recognition.thank")
    if cycle.created_by_id == membership.user_id:
        raise ValidationError("This is your own test cycle.")
    return _give_thanks(membership, audit.CycleThanked, cycle=cycle)


@transaction.atomic
def cycle_unthank(*, membership: Membership, cycle: Cycle) -> bool:
    policy.require(membership, "recognition.thank")
    return _take_back_thanks(membership, audit.CycleThanked, cycle=cycle)


def _check_candidate(membership: Membership, note: Note, now: datetime) -> None:
    if membership.team_id is None or note.team_id != membership.team_id:
        raise ValidationError("Only notes from your own team can be chosen.")
    if note.kind != Kind.SUCCESS:
        raise ValidationError("Only a success can be the learning from success.")
    if note.status != Status.SUBMITTED or note.hidden_at is not None:
        raise ValidationError("This note is not shared with the team.")
    if note.submitted_at is None or month_of(note.submitted_at) != month_of(now):
        raise ValidationError("Choose a success shared this month.")


@transaction.atomic
def success_nominate(*, membership: Membership, note: Note, now: datetime | None = None
                     ) -> Nomination:
    now = now or timezone.now()
    policy.require(membership, "recognition.thank")
    _check_candidate(membership, note, now)
    month = month_of(now)
    nomination, _ = Nomination.objects.update_or_create(
        team_id=note.team_id, month=month, person=membership.user,
        defaults={"note": note, "organisation": membership.organisation},
    )
    audit.record(audit.SuccessNominated(month=f"{month:%Y-%m}"),
                 organisation=membership.organisation, actor=membership.user, target=note)
    return nomination


@transaction.atomic
def highlight_confirm(*, membership: Membership, note: Note, now: datetime | None = None
                      ) -> Highlight:
    now = now or timezone.now()
    policy.require(membership, "highlight.confirm")
    _check_candidate(membership, note, now)
    month = month_of(now)
    if not Nomination.objects.filter(team_id=note.team_id, month=month, note=note).exists():
        raise ValidationError("Confirm one of the notes your team nominated.")
    highlight, _ = Highlight.objects.update_or_create(
        team_id=note.team_id, month=month,
        defaults={"note": note, "confirmed_by": membership.user, "confirmed_at": now,
                  "organisation": membership.organisation},
    )
    audit.record(audit.HighlightConfirmed(month=f"{month:%Y-%m}"),
                 organisation=membership.organisation, actor=membership.user, target=note)
    return highlight
