"""Demo content: the outsider view of demo replies and comments written straight to the table."""

from stepwise.core.tenancy import tenant_context
from stepwise.organisations.models import Organisation
from stepwise.privacy.services import outside_texts_backfill


def load(stdout) -> None:
    total = 0
    for organisation in Organisation.objects.filter(is_active=True):
        with tenant_context(organisation):
            total += outside_texts_backfill(organisation=organisation)
    stdout.write(f"Privacy: {total} texts de-identified for people outside their team.")
