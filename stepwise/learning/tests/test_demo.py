import io

from django.core.management import call_command

from stepwise.learning.models import MeToo, Note, Reply, Status, Thanks


def test_demo_has_about_300_varied_notes_and_loads_twice(db, settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    shared = Note.unscoped.filter(status=Status.SUBMITTED)
    assert 280 <= shared.count() <= 320
    assert set(shared.values_list("kind", flat=True)) == {
        "success", "mistake", "near_miss", "observation"}
    assert shared.values("team").distinct().count() == 8
    assert MeToo.unscoped.exists() and Reply.unscoped.exists() and Thanks.unscoped.exists()
    before = Note.unscoped.count()
    call_command("loaddemo", stdout=io.StringIO())
    assert Note.unscoped.count() == before
