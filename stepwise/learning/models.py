from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from stepwise.core.tenancy import TenantModel

DEFAULT_PRACTICE_AREAS = [
    "Front door / MASH",
    "Assessment",
    "Child protection enquiries and conferences",
    "Child in need",
    "Children in care",
    "Care leavers",
    "Court and pre-proceedings",
    "Early help",
    "Multi-agency working",
    "Recording",
    "Supervision",
]


class Kind(models.TextChoices):
    SUCCESS = "success", "Success"
    MISTAKE = "mistake", "Mistake"
    NEAR_MISS = "near_miss", "Near miss"
    OBSERVATION = "observation", "Observation"


class Factor(models.TextChoices):
    """Contributory factors seen through a systems lens, never a person's fault alone."""

    FAMILY = "family", "Family"
    PRACTITIONER = "practitioner", "Practitioner"
    TEAM = "team", "Team"
    TOOLS = "tools", "Tools and recording"
    ORGANISATION = "organisation", "Organisation"
    MULTI_AGENCY = "multi_agency", "Multi-agency"
    RESOURCES = "resources", "Resources"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Shared"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Visibility(models.TextChoices):
    TEAM = "team", "My team"
    ORGANISATION = "organisation", "The whole organisation"


class PracticeArea(TenantModel):
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="practice_area_name_unique_in_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Note(TenantModel):
    """A learning note. Its text stays within ``team``; beyond it only ``shared_*`` is shown.

    ``author`` is kept even for anonymous notes so that the author finds their own note and
    hears what became of it; nothing shown to anyone else reads it (see README, "Anonymous
    notes").
    """

    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="learning_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    is_anonymous = models.BooleanField(default=False)
    kind = models.CharField(max_length=16, choices=Kind.choices, blank=True)
    what_happened = models.TextField(blank=True)
    what_expected = models.TextField(blank=True)
    why_difference = models.TextField(blank=True)
    next_time = models.TextField(blank=True)
    practice_area = models.ForeignKey(
        PracticeArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.TEAM
    )
    # Filled by the de-identification review (privacy) before a note is seen beyond its team.
    shared_what_happened = models.TextField(blank=True)
    shared_what_expected = models.TextField(blank=True)
    shared_why_difference = models.TextField(blank=True)
    shared_next_time = models.TextField(blank=True)
    shared_approved_at = models.DateTimeField(null=True, blank=True)
    # Set the moment someone reports the note; cleared only if the review restores it.
    hidden_at = models.DateTimeField(null=True, blank=True)
    # Kept by the services so lists never count rows per note.
    me_too_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    thanks_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency: a save names the version it was based on.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(
                fields=["team", "status", "visibility", "-submitted_at"],
                name="note_team_status_recent",
            ),
            models.Index(
                fields=["organisation", "visibility", "status", "-submitted_at"],
                name="note_org_visible_recent",
            ),
            models.Index(fields=["author", "status", "-updated_at"], name="note_author_status"),
            models.Index(fields=["status", "withdrawn_at"], name="note_status_withdrawn"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[*Kind.values, ""]), name="note_kind_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="note_status_valid"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="note_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | (~Q(kind="") & ~Q(what_happened="") & Q(submitted_at__isnull=False))
                | Q(purged_at__isnull=False),
                name="note_submitted_has_kind_and_text",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | Q(withdrawn_at__isnull=False),
                name="note_withdrawn_has_date",
            ),
            models.CheckConstraint(
                # Beyond the team only after the de-identification review has approved it.
                condition=Q(visibility=Visibility.TEAM) | Q(shared_approved_at__isnull=False),
                name="note_organisation_needs_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display() or 'Note'} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:note", kwargs={"org_slug": self.organisation.slug, "note_id": self.pk}
        )

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def title(self) -> str:
        # Titles appear in lists, similar notes and notifications seen outside the team, so a
        # widened note is always titled from its de-identified text.
        source = self.shared_what_happened if self.shared_approved_at else self.what_happened
        text = " ".join(source.split())
        return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + "…"


class NoteFactor(TenantModel):
    """One row per contributory factor on a note: filterable and indexable on every database."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="factor_rows")
    factor = models.CharField(max_length=16, choices=Factor.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "factor"], name="note_factor_once"),
            models.CheckConstraint(condition=Q(factor__in=Factor.values), name="note_factor_valid"),
        ]
        indexes = [models.Index(fields=["factor", "note"], name="note_factor_lookup")]

    def __str__(self) -> str:
        return self.get_factor_display()


class MeToo(TenantModel):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="me_toos")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["note", "person"], name="metoo_once_per_person")
        ]

    def __str__(self) -> str:
        return f"Me too on note #{self.note_id}"


class Reply(TenantModel):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A reply by the anonymous author of the note is shown as "the note's author".
    is_anonymous = models.BooleanField(default=False)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["note", "created_at"], name="reply_note_recent")]

    def __str__(self) -> str:
        return f"Reply on note #{self.note_id}"


class Thanks(TenantModel):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="thanks")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "person"], name="thanks_once_per_person")
        ]

    def __str__(self) -> str:
        return f"Thanks on note #{self.note_id}"


class ReportReason(models.TextChoices):
    RISK_NOW = "risk_now", "It shows a child may be at risk now"
    BLAMES_COLLEAGUE = "blames_colleague", "It blames a named colleague"
    OTHER = "other", "Something else"


class ReportOutcome(models.TextChoices):
    OPEN = "open", "Waiting for review"
    RESTORED = "restored", "Restored: the note is shown again"
    REMOVED = "removed", "Removed: the note stays hidden"


class NoteReport(TenantModel):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    detail = models.TextField(blank=True)
    outcome = models.CharField(
        max_length=16, choices=ReportOutcome.choices, default=ReportOutcome.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["organisation", "outcome", "created_at"],
                                name="report_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=ReportReason.values), name="report_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome=ReportOutcome.OPEN) | Q(reviewed_at__isnull=False),
                name="report_reviewed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Report on note #{self.note_id}"
