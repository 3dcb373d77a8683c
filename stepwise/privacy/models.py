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


class OutsideText(TenantModel):
    """What people outside a text's team see of one free-text field, computed when it is saved.

    One row per (object, field) for every kind of text that can be read beyond its team
    (``stepwise.privacy.outside.COVERED``). ``team`` and ``author`` read the original; everyone
    else reads ``text``. ``kept`` and ``hidden`` are the author's corrections, applied again
    whenever the field is edited; ``spans`` are the engine's detections in the original.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE,
                                     related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=64)
    team = models.ForeignKey("organisations.Team", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(blank=True)
    # Which version of the original ``text`` was computed from: a mismatch is never trusted.
    source_digest = models.CharField(max_length=64)
    spans = models.JSONField(default=list, blank=True)
    kept = models.JSONField(default=list, blank=True,
                            help_text="Phrases the author marked as not personal")
    hidden = models.JSONField(default=list, blank=True,
                              help_text="Phrases the author added to hide everywhere")
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "field"],
                                    name="outside_text_once_per_field"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="outside_text_object")]

    def __str__(self) -> str:
        return f"Outside text of {self.content_type_id}:{self.object_id}.{self.field}"
