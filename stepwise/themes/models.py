from django.db import models
from django.db.models import Q

from stepwise.core.tenancy import TenantModel


class AssignedBy(models.TextChoices):
    ENGINE = "engine", "Stepwise"
    PERSON = "person", "A person"


class Theme(TenantModel):
    """A recurring pattern across the learning. ``key`` is the engine's stable identity; the
    rest is what people decided about it, which every recomputation keeps."""

    key = models.CharField(max_length=120)
    suggested_label = models.CharField(max_length=300, blank=True)
    # Set by a person; wins over the suggestion.
    name = models.CharField(max_length=120, blank=True)
    is_hidden = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="theme_key_unique_in_org"),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=models.F("pk")),
                name="theme_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.name or self.suggested_label or "Unnamed theme"


class ThemeMembership(TenantModel):
    """One row per shared note: the de-identified text it was clustered on, and its theme
    (none when it fits no theme). Views read ``text``, so nothing is de-identified at request
    time."""

    note = models.OneToOneField(
        "learning.Note", on_delete=models.CASCADE, related_name="theme_membership"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    is_pinned = models.BooleanField(default=False)
    assigned_by = models.CharField(
        max_length=8, choices=AssignedBy.choices, default=AssignedBy.ENGINE
    )
    score = models.FloatField(null=True, blank=True)
    # The theme the engine itself last found for the note, before people's merges were
    # applied: recomputation continues the engine's identities from this, then re-applies
    # the merges, so a merged-away theme found again still lands in the theme it joined.
    engine_key = models.CharField(max_length=120, blank=True)
    text = models.TextField(blank=True)
    # Which version of the note ``text`` was made from, and whether from its reviewed text.
    source_version = models.PositiveIntegerField(default=0)
    from_shared_text = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["theme", "note"], name="theme_membership_by_theme")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_pinned=False) | Q(theme__isnull=False),
                name="theme_pin_needs_theme",
            ),
            models.CheckConstraint(
                condition=Q(assigned_by__in=AssignedBy.values),
                name="theme_assigned_by_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Note #{self.note_id} in theme {self.theme_id}"


class StoredThemeModel(TenantModel):
    """The engine's model from the last recomputation, for placing new notes at once."""

    data = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="theme_model_one_per_org")
        ]

    def __str__(self) -> str:
        return f"Theme model for organisation {self.organisation_id}"


class ThemeRun(TenantModel):
    started_at = models.DateTimeField()
    note_count = models.PositiveIntegerField()
    theme_count = models.PositiveIntegerField()
    duration_ms = models.PositiveIntegerField()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Theme run {self.started_at:%Y-%m-%d %H:%M}"
