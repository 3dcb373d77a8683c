from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from stepwise.core.tenancy import tenant_context
from stepwise.measures import services
from stepwise.measures.imports import COLUMNS, parse_measure_file
from stepwise.organisations.models import Membership, Organisation


class Command(BaseCommand):
    help = (
        "Import measure figures from a CSV or XLSX file into one organisation, all or nothing. "
        f"Columns: {','.join(COLUMNS)}. Running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--organisation", required=True, metavar="SLUG")
        parser.add_argument("--user", metavar="EMAIL",
                            help="record the import as this member's (who needs the right to "
                                 "import); by default it is recorded as a command-line load")
        parser.add_argument("--dry-run", action="store_true",
                            help="check the file and say what would change; save nothing")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["organisation"],
                                                   is_active=True).first()
        if organisation is None:
            raise CommandError(f"No active organisation '{options['organisation']}'.")
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        with tenant_context(organisation):
            actor = None
            if options["user"]:
                user = get_user_model().objects.filter(email__iexact=options["user"]).first()
                actor = Membership.objects.filter(user=user, is_active=True).first()
                if actor is None:
                    raise CommandError(f"{options['user']} is not a member of "
                                       f"{organisation.name}.")
            parsed = parse_measure_file(raw, path.name)
            if parsed.errors:
                self._fail(parsed.errors)
            if options["dry_run"]:
                self.stdout.write(f"{len(parsed.rows)} rows are fine; nothing saved (dry run).")
                return
            try:
                outcome = services.datapoints_import(actor=actor, organisation=organisation,
                                                     rows=parsed.rows, source=path.name)
            except services.ImportRejected as rejected:
                self._fail(rejected.rows)
            except PermissionDenied as error:
                raise CommandError(str(error)) from None
        self.stdout.write(f"Imported {len(parsed.rows)} rows: {outcome.created} new, "
                          f"{outcome.updated} replaced, {outcome.unchanged} unchanged.")

    def _fail(self, errors):
        for line, message in errors:
            self.stderr.write(f"row {line}: {message}" if line else message)
        raise CommandError(f"Nothing imported: {len(errors)} problem"
                           f"{'s' if len(errors) != 1 else ''}.")
