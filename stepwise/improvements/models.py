from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stepwise.core.tenancy import TenantModel


class State(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    READY = "ready", "Ready to test"
    TESTING = "testing", "Testing"
    STUDYING = "studying", "Studying"
    ADOPTED = "adopted", "Adopted"
    SUSTAINED = "sustained", "Sustained"
    ABANDONED = "abandoned", "Abandoned"


OPEN_STATES = (State.SUGGESTED, State.READY, State.TESTING, State.STUDYING)
DECIDED_STATES = (State.ADOPTED, State.SUSTAINED, State.ABANDONED)


class ActOutcome(models.TextChoices):
    ADOPT = "adopt", "Adopt: keep doing it"
    ADAPT = "adapt", "Adapt: change it and test again"
    ABANDON = "abandon", "Abandon: stop, and keep what we learned"


class Idea(TenantModel):
    """A small change a team will test: "we will X, in team Y, for N days, expecting Z".

    ``state`` changes only through ``services`` (every move checked against the transition
    table and recorded in ``IdeaEvent``); ``version`` guards against a stale edit silently
    overwriting a newer one.
    """

    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="ideas")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="owned_ideas")
    title = models.CharField(max_length=150)
    change = models.TextField(max_length=2000, help_text="We will …")
    prediction = models.TextField(max_length=2000, help_text="We expect …")
    first_test_days = models.PositiveSmallIntegerField(default=7)
    measure_label = models.CharField(max_length=200, blank=True)
    # Every use of the measures app goes through measures_bridge.
    measure = models.ForeignKey("measures.Measure", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="ideas")
    state = models.CharField(max_length=16, choices=State.choices, default=State.SUGGESTED)
    # The smallness check: None until answered.
    fits_in_weeks = models.BooleanField(null=True, blank=True)
    needs_money = models.BooleanField(null=True, blank=True)
    needs_policy_change = models.BooleanField(null=True, blank=True)
    needs_outside_people = models.BooleanField(null=True, blank=True)
    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="first_tests")
    tried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="tried_elsewhere")
    ready_at = models.DateTimeField(null=True, blank=True)
    # Last working day on which a concern may still be raised; cleared while one is open.
    concern_window_ends = models.DateField(null=True, blank=True)
    concern_days_left = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    abandon_reason = models.TextField(max_length=2000, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    state_changed_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()
    nudged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["team", "state", "-last_activity_at"], name="idea_board"),
            models.Index(fields=["organisation", "state", "concern_window_ends"],
                         name="idea_go_ahead_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="idea_state_valid"),
            models.CheckConstraint(
                condition=~Q(state=State.ABANDONED) | ~Q(abandon_reason=""),
                name="idea_abandoned_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[State.ADOPTED, State.SUSTAINED])
                | Q(adopted_on__isnull=False),
                name="idea_adopted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.READY) | Q(ready_at__isnull=False),
                name="idea_ready_has_date",
            ),
            models.CheckConstraint(
                condition=Q(first_test_days__gte=1) & Q(first_test_days__lte=90),
                name="idea_first_test_days_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("improvements:idea",
                       kwargs={"org_slug": self.organisation.slug, "idea_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def smallness_answered(self) -> bool:
        return None not in (self.fits_in_weeks, self.needs_money, self.needs_policy_change,
                            self.needs_outside_people)

    @property
    def is_small(self) -> bool:
        return (self.fits_in_weeks is True and self.needs_money is False
                and self.needs_policy_change is False and self.needs_outside_people is False)

    def smallness_problems(self) -> list[str]:
        problems = []
        if self.fits_in_weeks is False:
            problems.append("the team cannot test it within a few weeks")
        if self.needs_money:
            problems.append("it needs new money")
        if self.needs_policy_change:
            problems.append("it needs a policy change")
        if self.needs_outside_people:
            problems.append("it needs people outside the team")
        return problems


class IdeaNote(TenantModel):
    """The learning notes an idea grew from; the note page reads this to show what became
    of it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="note_links")
    note = models.ForeignKey("learning.Note", on_delete=models.CASCADE, related_name="idea_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "note"], name="idea_note_once"),
        ]
        indexes = [models.Index(fields=["note", "idea"], name="idea_note_by_note")]

    def __str__(self) -> str:
        return f"Idea {self.idea_id} from note {self.note_id}"


class Supporter(TenantModel):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supporters")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    comment = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="supporter_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"Support for idea {self.idea_id}"


class Cycle(TenantModel):
    """One Plan-Do-Study-Act cycle; an idea's cycles, in order, are its ramp."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="cycles")
    number = models.PositiveSmallIntegerField()
    # Plan
    plan_what = models.TextField(max_length=2000)
    plan_who = models.CharField(max_length=300)
    plan_where = models.CharField(max_length=300, blank=True)
    plan_prediction = models.TextField(max_length=2000)
    plan_data = models.TextField(max_length=2000, help_text="What data will be collected")
    starts_on = models.DateField()
    ends_on = models.DateField()
    # Do
    do_what_happened = models.TextField(max_length=4000, blank=True)
    do_problems = models.TextField(max_length=4000, blank=True)
    do_observations = models.TextField(max_length=4000, blank=True)
    do_recorded_at = models.DateTimeField(null=True, blank=True)
    # Study
    study_result = models.TextField(max_length=4000, blank=True)
    study_recorded_at = models.DateTimeField(null=True, blank=True)
    # Act
    act_outcome = models.CharField(max_length=16, choices=ActOutcome.choices, blank=True)
    act_notes = models.TextField(max_length=4000, blank=True)
    act_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["idea", "number"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "number"], name="cycle_number_once"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="cycle_ends_after_start"),
            models.CheckConstraint(condition=Q(act_outcome__in=[*ActOutcome.values, ""]),
                                   name="cycle_act_outcome_valid"),
            models.CheckConstraint(
                condition=Q(act_outcome="") | Q(study_recorded_at__isnull=False),
                name="cycle_act_needs_study",
            ),
        ]
        indexes = [models.Index(fields=["ends_on", "study_recorded_at"],
                                name="cycle_overdue_study")]

    def __str__(self) -> str:
        return f"Cycle {self.number} of idea {self.idea_id}"

    @property
    def step(self) -> str:
        if self.act_outcome:
            return "done"
        if self.study_recorded_at:
            return "act"
        if self.do_recorded_at:
            return "study"
        return "do"

    def study_overdue(self, today) -> bool:
        return self.study_recorded_at is None and self.ends_on < today


class Concern(TenantModel):
    """A flag on a ready idea that stops its clock; it opens a conversation, never a veto."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    resolution = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["idea"], condition=Q(resolved_at__isnull=True),
                                    name="concern_one_open_per_idea"),
        ]

    def __str__(self) -> str:
        return f"Concern on idea {self.idea_id}"


class ConcernReply(TenantModel):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Reply on concern {self.concern_id}"


class IdeaEvent(TenantModel):
    """The idea's timeline: every transition and milestone, with who (or the scheduler) and
    when."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    by_scheduler = models.BooleanField(default=False)
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    summary = models.CharField(max_length=300)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["idea", "created_at"], name="idea_event_timeline")]
        constraints = [
            models.CheckConstraint(condition=~Q(by_scheduler=True) | Q(actor__isnull=True),
                                   name="idea_event_scheduler_has_no_actor"),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def who(self) -> str:
        if self.by_scheduler:
            return "Stepwise (automatically)"
        return self.actor.full_name if self.actor_id else "Someone"


class NudgeDay(TenantModel):
    """One row per person per day a nudge was sent: the unique pair keeps it to one a day."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    day = models.DateField()
    ideas = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person", "day"],
                                    name="nudge_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Nudge to {self.person_id} on {self.day}"
