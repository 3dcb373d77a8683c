import io

from django.core.management import call_command

from stepwise.recognition.models import Highlight, Nomination, Thanks


def test_demo_has_thanks_and_last_months_successes_and_loads_twice(
        db, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=io.StringIO())
    assert Thanks.unscoped.filter(idea__isnull=False).exists()
    assert Thanks.unscoped.filter(cycle__isnull=False).exists()
    assert Highlight.unscoped.exists() and Nomination.unscoped.exists()
    for highlight in Highlight.unscoped.select_related("note"):
        assert highlight.note.kind == "success" and highlight.note.team_id == highlight.team_id
    counts = (Thanks.unscoped.count(), Highlight.unscoped.count(), Nomination.unscoped.count())
    call_command("loaddemo", stdout=io.StringIO())
    assert (Thanks.unscoped.count(), Highlight.unscoped.count(),
            Nomination.unscoped.count()) == counts
