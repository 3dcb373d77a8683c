from django.conf import settings
from django.db import models
from django.db.models import Q

from stepwise.core.tenancy import TenantModel


class Thanks(TenantModel):
    """Thanks for an idea or for one of its test cycles: exactly one of the two is set.

    One table rather than two keeps "thanks received" a single query for the digest; the
    check constraint keeps each row about one thing. (Thanks on notes live in learning.)
    """

    idea = models.ForeignKey("improvements.Idea", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="recognition_thanks")
    cycle = models.ForeignKey("improvements.Cycle", null=True, blank=True,
                              on_delete=models.CASCADE, related_name="recognition_thanks")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(idea__isnull=False) & Q(cycle__isnull=True))
                | (Q(idea__isnull=True) & Q(cycle__isnull=False)),
                name="recognition_thanks_one_target",
            ),
            models.UniqueConstraint(fields=["idea", "person"], condition=Q(idea__isnull=False),
                                    name="recognition_thanks_idea_once"),
            models.UniqueConstraint(fields=["cycle", "person"], condition=Q(cycle__isnull=False),
                                    name="recognition_thanks_cycle_once"),
        ]

    def __str__(self) -> str:
        return f"Thanks on idea {self.idea_id}" if self.idea_id else f"Thanks on cycle {self.cycle_id}"


class Nomination(TenantModel):
    """A team member's pick for the team's "learning from success" of a month: one per person
    per month, changed by nominating another note."""

    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month")
    note = models.ForeignKey("learning.Note", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "month", "person"],
                                    name="nomination_once_per_person_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="nomination_month_first_day"),
        ]
        indexes = [models.Index(fields=["team", "month", "note"], name="nomination_count")]

    def __str__(self) -> str:
        return f"Nomination of note {self.note_id} for {self.month:%B %Y}"


class Highlight(TenantModel):
    """The team manager's confirmed "learning from success" of a month."""

    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month")
    note = models.ForeignKey("learning.Note", on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "month"], name="highlight_once_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="highlight_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"Learning from success, {self.month:%B %Y}"
