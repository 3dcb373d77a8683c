from django.conf import settings
from django.db import models

from stepwise.core.tenancy import TenantModel


class AuditEvent(TenantModel):
    """An append-only record of a security-relevant or data-changing event.

    Database triggers (migration 0002) refuse UPDATE and DELETE, so not even a bug in the
    application can rewrite history. Events about an anonymous note carry no actor.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class SecurityEvent(models.Model):
    """Account-level events that belong to no organisation (log-in failures, lock-outs)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.CharField(max_length=254, db_index=True)
    action = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class ScheduledRun(models.Model):
    """One row per (job, period): the unique constraint is what stops a job running twice."""

    job = models.CharField(max_length=100)
    period = models.CharField(max_length=40)
    claimed_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="scheduledrun_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"
