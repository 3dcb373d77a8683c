import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stepwise.organisations.services import organisation_create


class Command(BaseCommand):
    help = "Create an organisation and its first admin (who must then set up two-factor)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--slug", default="", help="Address part: /o/<slug>/")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)
        parser.add_argument(
            "--admin-password", help="Prompted for when not given (not needed if the person "
            "already has a Stepwise account).",
        )

    def handle(self, *args, name, slug, admin_email, admin_name, admin_password, **options):
        from stepwise.accounts.models import User

        if admin_password is None and not User.objects.filter(email__iexact=admin_email).exists():
            admin_password = getpass.getpass("Password for the admin: ")
        try:
            organisation = organisation_create(
                name=name, slug=slug, admin_email=admin_email, admin_name=admin_name,
                admin_password=admin_password,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {organisation.name} at /o/{organisation.slug}/")
