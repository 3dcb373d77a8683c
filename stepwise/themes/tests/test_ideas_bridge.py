import pytest
from django.utils import timezone

from stepwise.themes import services
from stepwise.themes.models import ThemeMembership
from stepwise.themes.selectors import linked_ideas, theme_rows


def _recompute(tenant):
    with tenant.context():
        services.themes_recompute(organisation=tenant.organisation)


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


def test_linked_idea_titles_are_de_identified_beyond_the_ideas_team(tenant_a, themed_notes):
    from stepwise.improvements.models import Idea, IdeaNote

    _recompute(tenant_a)
    note = themed_notes[0][1]
    now = timezone.now()
    idea = Idea.unscoped.create(
        organisation=tenant_a.organisation, team=tenant_a.teams[0],
        author=tenant_a.practitioner.user, title="Visit Kayden Mwangi at WB4 7QX weekly",
        change="We will ask.", prediction="We expect to know.", state="testing",
        state_changed_at=now, last_activity_at=now, created_at=now)
    IdeaNote.unscoped.create(organisation=tenant_a.organisation, idea=idea, note=note)
    with tenant_a.context():
        theme = ThemeMembership.objects.get(note=note).theme
        lead_sees = linked_ideas(membership=tenant_a.improvement_lead, theme=theme)[0].title
        team_sees = linked_ideas(membership=tenant_a.practitioner, theme=theme)[0].title
    assert team_sees == "Visit Kayden Mwangi at WB4 7QX weekly"
    assert "Kayden" not in lead_sees and "Mwangi" not in lead_sees and "WB4" not in lead_sees
    assert lead_sees.startswith("Visit [PERSON 1]")
