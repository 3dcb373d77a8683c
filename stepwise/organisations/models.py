import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from stepwise.core.policy import Role
from stepwise.core.tenancy import TenantModel


class Organisation(models.Model):
    """A tenant: a local authority, a partnership or an agency. Nothing crosses between them."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=60, unique=True)
    is_active = models.BooleanField(default=True)
    retention_days = models.PositiveIntegerField(
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text="Days before withdrawn and original (pre-redaction) text is purged.",
    )
    concern_window_days = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Working days a ready idea waits for concerns before it goes ahead.",
    )
    stalled_test_days = models.PositiveSmallIntegerField(
        default=14,
        validators=[MinValueValidator(3), MaxValueValidator(90)],
        help_text="Days without an update after which a test's owner is nudged.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:org_home", kwargs={"org_slug": self.slug})


class Team(TenantModel):
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TenantModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_once_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Invitation(TenantModel):
    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT)
    # Only a hash is kept, so a copy of the database cannot be used to accept invitations.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_open(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.revoked_at is None and (
            self.expires_at > timezone.now()
        )
