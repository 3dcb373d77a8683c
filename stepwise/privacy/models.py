from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from stepwise.core.tenancy import TenantModel


class PhraseKind(models.TextChoices):
    ALLOW = "allow", "Never hide (local words that are not personal)"
    DENY = "deny", "Always hide (local streets, schools, estates)"


class OrganisationPhrase(TenantModel):
    """An organisation's own allow and deny lists for the de-identification engine."""

    kind = models.CharField(max_length=8, choices=PhraseKind.choices)
    phrase = models.CharField(max_length=120)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "phrase"]
        constraints = [
            models.UniqueConstraint(
                "organisation", "kind", Lower("phrase"), name="privacy_phrase_once_per_list"
            ),
            models.CheckConstraint(condition=Q(kind__in=PhraseKind.values),
                                   name="privacy_phrase_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.phrase}"


class ShareReview(TenantModel):
    """The record of one author review before a note went beyond its team.

    It counts what changed but never stores the text that was removed; ``reviewer`` is empty
    for anonymous notes.
    """

    note = models.ForeignKey("learning.Note", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    detected = models.PositiveIntegerField()
    kept_visible = models.PositiveIntegerField(help_text="Highlights the author removed")
    added = models.PositiveIntegerField(help_text="Phrases the author added to hide")
    created_at = models.DateTimeField(auto_now_add=True)
    original_purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["original_purged_at", "created_at"],
                                name="review_purge_due")]

    def __str__(self) -> str:
        return f"Review of note #{self.note_id}"
