from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from stepwise.accounts.services import confirmed_device


class Command(BaseCommand):
    help = "Demo only: print the current two-factor code of a demo account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        from django.conf import settings

        from stepwise.accounts.models import User

        if not settings.DEBUG:
            raise CommandError("democode works only in the demo (DEBUG=1).")
        user = User.objects.filter(email__iexact=email).first()
        device = confirmed_device(user) if user else None
        if device is None:
            raise CommandError(f"{email} has no two-factor device.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}")
