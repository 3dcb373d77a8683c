import io

from django.core.management import call_command

from stepwise.improvements.models import Concern, Cycle, Idea, IdeaNote, State


def test_demo_has_ideas_in_every_state_with_cycles_and_loads_twice(
        db, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddemo", stdout=io.StringIO())
    ideas = Idea.unscoped.all()
    assert set(ideas.values_list("state", flat=True)) == set(State.values)
    assert ideas.order_by().values("team").distinct().count() == 8
    assert Cycle.unscoped.filter(act_outcome="adapt").exists()
    assert Concern.unscoped.filter(resolved_at__isnull=True).exists()
    assert IdeaNote.unscoped.exists()
    assert ideas.filter(tried_from__isnull=False).count() == 2
    assert ideas.filter(measure__isnull=False, state=State.SUSTAINED).count() == 2
    assert ideas.filter(split_from__isnull=False).count() == 1
    before = ideas.count()
    call_command("loaddemo", stdout=io.StringIO())
    assert Idea.unscoped.count() == before
