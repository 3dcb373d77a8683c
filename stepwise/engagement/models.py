from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from stepwise.core.tenancy import TenantModel


class EngagementSnapshot(TenantModel):
    """The dashboard figures of one scope (a team, or the organisation when ``team`` is
    empty), kept fresh in the background so a dashboard reads one row instead of counting
    millions."""

    team = models.ForeignKey("organisations.Team", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    figures = models.JSONField(encoder=DjangoJSONEncoder)
    # When the figures were last known to be current (shown as "as of"): counted then, or
    # found unchanged because nothing they are counted from had changed.
    computed_at = models.DateTimeField()
    counted_at = models.DateTimeField(null=True, blank=True)
    # A digest of the organisation's rows the figures are counted from (see figures.sources).
    sources = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "team"],
                                    name="engagement_snapshot_once_per_team"),
            models.UniqueConstraint(fields=["organisation"], condition=Q(team__isnull=True),
                                    name="engagement_snapshot_once_per_organisation"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")),
                                   name="engagement_snapshot_period_valid"),
        ]

    def __str__(self) -> str:
        return f"Engagement figures of {self.team_id or 'the organisation'} at {self.computed_at}"
