from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stepwise.core.tenancy import TenantModel


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage (x of y)"
    DAYS = "days", "Days"
    RATE = "rate", "Rate"


class Direction(models.TextChoices):
    INCREASE = "increase", "Higher is better"
    DECREASE = "decrease", "Lower is better"
    NEUTRAL = "neutral", "Neither"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class Measure(TenantModel):
    name = models.CharField(max_length=150)
    definition = models.TextField(max_length=2000, blank=True)
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(max_length=16, choices=Direction.choices,
                                 default=Direction.INCREASE)
    frequency = models.CharField(max_length=16, choices=Frequency.choices,
                                 default=Frequency.WEEKLY)
    target = models.FloatField(null=True, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    # No team: the measure belongs to the whole organisation.
    team = models.ForeignKey("organisations.Team", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="measures")
    # A team's measure may count towards an organisation measure, whose figure is then the
    # sum of its parts (numerators over denominators for percentages).
    rolls_up_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="parts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"],
                                    name="measure_name_unique_in_org"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_proportion(self) -> bool:
        return self.unit == Unit.PERCENTAGE

    @property
    def scope_label(self) -> str:
        return self.team.name if self.team_id else "Whole organisation"


class DataPoint(TenantModel):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="points")
    period = models.DateField()
    value = models.FloatField()
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="datapoint_one_per_period"),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False, denominator__gt=0,
                    numerator__lte=models.F("denominator")),
                name="datapoint_numerator_within_denominator",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period}: {self.value}"


class Rebase(TenantModel):
    """Where the process changed: limits are recalculated from this period on."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="rebases")
    period = models.DateField()
    reason = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="rebase_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.reason}"


class SustainWatch(TenantModel):
    """After a change is adopted, its measure is watched so a fading gain is noticed."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="watches")
    adopted_on = models.DateField(help_text="The first period after adoption.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    # What was adopted, named without importing the app that adopted it.
    source_label = models.CharField(max_length=200)
    source_url = models.CharField(max_length=500, blank=True)
    baseline_mean = models.FloatField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["measure"], condition=Q(ended_at__isnull=True),
                                    name="sustain_watch_one_active_per_measure"),
        ]

    def __str__(self) -> str:
        return f"Sustain watch on {self.measure_id} since {self.adopted_on}"


class SustainCheck(TenantModel):
    class Reason(models.TextChoices):
        CONCERN = "concern", "Special cause concern since adoption"
        FADING = "fading", "Six points in a row no better than before the change"

    watch = models.ForeignKey(SustainWatch, on_delete=models.CASCADE, related_name="checks")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    # The period of the data point that opened the check; later checks look after it.
    trigger_period = models.DateField()
    # The latest figure when the owner answered: they have looked at everything up to it.
    reviewed_through = models.DateField(null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    finding = models.TextField(max_length=4000, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["watch"], condition=Q(resolved_at__isnull=True),
                                    name="sustain_check_one_open_per_watch"),
        ]

    def __str__(self) -> str:
        return f"Sustain check {self.pk} ({self.reason})"

    def get_absolute_url(self) -> str:
        return reverse("measures:check", kwargs={"org_slug": self.organisation.slug,
                                                 "check_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
