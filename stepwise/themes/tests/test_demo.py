import io

from django.core.management import call_command

from stepwise.core.tenancy import tenant_context
from stepwise.learning.models import Note, Visibility
from stepwise.organisations.models import Membership, Organisation
from stepwise.themes.models import Theme, ThemeRun
from stepwise.themes.selectors import theme_rows


def test_demo_opens_with_themes_and_loads_twice(db, settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    organisation = Organisation.objects.get(slug="wellbridge")
    lead = Membership.unscoped.get(organisation=organisation, user__email__startswith="lead@")
    with tenant_context(organisation):
        assert ThemeRun.objects.count() == 1
        rows = theme_rows(membership=lead)
        assert len(rows) >= 5 and any(row.without_change for row in rows)
        shared = Note.objects.filter(visibility=Visibility.ORGANISATION)
        staff = set(Membership.objects.values_list("user__full_name", flat=True))
        assert not any(name in text for text in shared.values_list("shared_what_happened",
                                                                   flat=True) for name in staff)
    themes = Theme.unscoped.count()
    call_command("loaddemo", stdout=io.StringIO())
    assert Theme.unscoped.count() == themes and ThemeRun.unscoped.count() == 2
