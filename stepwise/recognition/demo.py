"""Demo recognition: thanks on some ideas and test cycles, and each team's learning from
success for last month, nominated by its members and confirmed by its manager. Wholly
fictional: it only points at demo notes and ideas.

Idempotent: an organisation that already has thanks or highlights is left alone.
"""

import random
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from stepwise.core.policy import Role
from stepwise.core.scheduler import LONDON
from stepwise.core.tenancy import tenant_context
from stepwise.improvements.models import Cycle, Idea
from stepwise.learning.models import Kind, Note, Status
from stepwise.organisations.models import Membership, Organisation, Team
from stepwise.recognition import selectors, services
from stepwise.recognition.models import Highlight, Thanks


def _thank(members, rng) -> int:
    given = 0
    for idea in Idea.objects.order_by("pk")[:12]:
        for member in rng.sample(members, k=min(2, len(members))):
            if member.user_id != idea.author_id and not idea.owners.filter(
                    pk=member.user_id).exists():
                services.idea_thank(membership=member, idea=idea)
                given += 1
    for cycle in Cycle.objects.order_by("pk")[:12]:
        member = rng.choice(members)
        if member.user_id != cycle.created_by_id:
            services.cycle_thank(membership=member, cycle=cycle)
            given += 1
    return given


def _last_months_highlights(rng) -> int:
    month = selectors.previous_month(selectors.month_of(timezone.now()))
    start, end = selectors.month_bounds(month)
    moment = datetime(month.year, month.month, 25, 12, tzinfo=LONDON)
    chosen = 0
    for team in Team.objects.order_by("name"):
        successes = list(Note.objects.filter(team=team, kind=Kind.SUCCESS,
                                             status=Status.SUBMITTED, hidden_at__isnull=True,
                                             submitted_at__gte=start, submitted_at__lt=moment))
        members = list(Membership.objects.filter(team=team, is_active=True)
                       .select_related("user", "organisation"))
        manager = next((m for m in members if m.role == Role.TEAM_MANAGER), None)
        if not successes or manager is None:
            continue
        for member in members:
            services.success_nominate(membership=member, note=rng.choice(successes[:3]),
                                      now=moment)
        top = max(selectors.nomination_counts(team=team, month=month).items(),
                  key=lambda item: item[1])[0]
        services.highlight_confirm(membership=manager, note=Note.objects.get(pk=top),
                                   now=moment)
        chosen += 1
    return chosen


def load(stdout) -> None:
    rng = random.Random(8)
    for organisation in Organisation.objects.order_by("pk"):
        with tenant_context(organisation), transaction.atomic():
            if Thanks.objects.exists() or Highlight.objects.exists():
                continue
            members = list(Membership.objects.filter(is_active=True).select_related(
                "user", "organisation").order_by("pk"))
            if not members:
                continue
            given = _thank(members, rng)
            chosen = _last_months_highlights(rng)
        stdout.write(f"Recognition for {organisation.name}: {given} thanks, "
                     f"{chosen} team success{'es' if chosen != 1 else ''} of the month.")
