import pytest
from django.utils import timezone

from stepwise.themes import ideas_bridge, services
from stepwise.themes.models import ThemeMembership
from stepwise.themes.selectors import linked_ideas, theme_rows

needs_improvements = pytest.mark.skipif(not ideas_bridge.installed(),
                                        reason="the improvements app is not installed here")


def _recompute(tenant):
    with tenant.context():
        services.themes_recompute(organisation=tenant.organisation)


@pytest.mark.skipif(ideas_bridge.installed(), reason="the improvements app is installed")
def test_without_the_improvements_app_there_are_no_ideas(tenant_a, themed_notes):
    _recompute(tenant_a)
    with tenant_a.context():
        theme = ThemeMembership.objects.get(note=themed_notes[0][1]).theme
        assert linked_ideas(membership=tenant_a.improvement_lead, theme=theme) == []
        assert ideas_bridge.themes_with_change([theme.pk]) == set()
        flagged = {r.theme for r in theme_rows(membership=tenant_a.improvement_lead)
                   if r.without_change}
    assert theme in flagged


@needs_improvements
@pytest.mark.parametrize(("state", "changes"), [("suggested", False), ("testing", True)])
def test_an_idea_in_testing_lifts_the_flag(tenant_a, themed_notes, state, changes):
    from stepwise.improvements.models import Idea, IdeaNote

    _recompute(tenant_a)
    note = themed_notes[0][1]
    now = timezone.now()
    idea = Idea.unscoped.create(
        organisation=tenant_a.organisation, team=tenant_a.teams[0],
        author=tenant_a.practitioner.user, title="Ask about partners at every visit",
        change="We will ask.", prediction="We expect to know.", state=state,
        state_changed_at=now, last_activity_at=now, created_at=now)
    IdeaNote.unscoped.create(organisation=tenant_a.organisation, idea=idea, note=note)
    with tenant_a.context():
        theme = ThemeMembership.objects.get(note=note).theme
        ideas = linked_ideas(membership=tenant_a.improvement_lead, theme=theme)
        rows = {r.theme: r for r in theme_rows(membership=tenant_a.improvement_lead)}
    assert [i.title for i in ideas] == ["Ask about partners at every visit"]
    assert rows[theme].without_change is not changes
