import base64
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepwise.core.models import SecurityEvent
from stepwise.core.policy import TWO_FACTOR_REQUIRED

FAILED = "login.failed"
SUCCEEDED = "login.succeeded"
LOCKED = "login.locked"


def _normalise(email: str) -> str:
    return (email or "").strip().lower()


def login_locked_until(*, email: str):
    """When the account may try again, or None. Failures count from the last success."""
    email = _normalise(email)
    window_start = timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES)
    events = SecurityEvent.objects.filter(email=email, created_at__gte=window_start)
    last_success = events.filter(action=SUCCEEDED).order_by("-created_at").first()
    failures = events.filter(action=FAILED)
    if last_success is not None:
        failures = failures.filter(created_at__gt=last_success.created_at)
    failures = list(failures.order_by("-created_at").values_list("created_at", flat=True))
    if len(failures) < settings.LOCKOUT_FAILURES:
        return None
    return failures[settings.LOCKOUT_FAILURES - 1] + timedelta(minutes=settings.LOCKOUT_MINUTES)


@transaction.atomic
def login_failure_record(*, email: str, ip_address: str | None, user=None) -> None:
    email = _normalise(email)
    SecurityEvent.objects.create(email=email, user=user, action=FAILED, ip_address=ip_address)
    if login_locked_until(email=email) is not None and not SecurityEvent.objects.filter(
        email=email,
        action=LOCKED,
        created_at__gte=timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES),
    ).exists():
        SecurityEvent.objects.create(email=email, user=user, action=LOCKED, ip_address=ip_address)


def login_success_record(*, user, ip_address: str | None) -> None:
    SecurityEvent.objects.create(
        email=_normalise(user.email), user=user, action=SUCCEEDED, ip_address=ip_address
    )


def requires_two_factor(user) -> bool:
    from stepwise.organisations.models import Membership

    return Membership.unscoped.filter(
        user=user, is_active=True, role__in=TWO_FACTOR_REQUIRED, organisation__is_active=True
    ).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_pending(*, user) -> TOTPDevice:
    """The unconfirmed device being set up; the same one until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, token: str) -> bool:
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    SecurityEvent.objects.create(email=user.email, user=user, action="two_factor.enabled")
    return True


@transaction.atomic
def totp_device_remove(*, user) -> bool:
    if requires_two_factor(user):
        return False
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    if deleted:
        SecurityEvent.objects.create(email=user.email, user=user, action="two_factor.disabled")
    return bool(deleted)


def verify_token(*, user, token: str) -> TOTPDevice | None:
    device = confirmed_device(user)
    if device is not None and device.verify_token(token):
        return device
    return None


def token_throttled(*, user) -> bool:
    """django-otp slows guessing: after each wrong code the next is refused for a while."""
    device = confirmed_device(user)
    return device is not None and not device.verify_is_allowed()[0]
