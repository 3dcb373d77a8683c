"""Every figure against a world small enough to count by hand (see world.py)."""

from datetime import date

import pytest

from stepwise.engagement import figures
from stepwise.engagement.figures import Scope
from stepwise.engagement.tests.world import END, START, build, build_noise

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant_a, tenant_b):
    built = build(tenant_a)
    build_noise(tenant_b)
    return built


def team_scope(world, *teams):
    return Scope(organisation=world.tenant.organisation, teams=teams or (world.team1,),
                 start=START, end=END)


def org_scope(world):
    return Scope(organisation=world.tenant.organisation, start=START, end=END)


def test_team_participation_counts_contributors_over_members(world):
    result = figures.participation(team_scope(world))
    # Six members. Last 30 days (1-30 June): the practitioner's note, the manager's "me too",
    # p3's idea, p4's support = 4 of 6 = 67 %. p6 wrote only anonymously and is not counted.
    # Last 90 days (from 2 April) adds p5's May reply: 5 of 6 = 83 %.
    assert (result.members, result.contributors_30, result.share_30) == (6, 4, 67)
    assert (result.contributors_90, result.share_90) == (5, 83)
    # Notes shared since 2 April, anonymous included, draft not: the practitioner's and p6's.
    assert result.notes_90 == 2


def test_monthly_share_series(world):
    series = figures.participation(team_scope(world)).by_month
    # p5 alone in January, February and May (1 of 6 = 17 %), nobody in March and April,
    # four in June (67 %).
    assert [(m.month, m.contributors, m.share) for m in series] == [
        (date(2026, 1, 1), 1, 17), (date(2026, 2, 1), 1, 17), (date(2026, 3, 1), 0, 0),
        (date(2026, 4, 1), 0, 0), (date(2026, 5, 1), 1, 17), (date(2026, 6, 1), 4, 67),
    ]


def test_groups_below_five_are_not_shown(world):
    result = figures.participation(team_scope(world, world.team2))
    assert result.members == 4
    assert result.suppressed
    assert (result.contributors_30, result.share_30, result.share_90) == (None, None, None)
    assert all(m.share is None and m.contributors is None for m in result.by_month)


def test_a_fifth_member_makes_the_figure_appear(world):
    from stepwise.organisations.tests.factories import MembershipFactory

    MembershipFactory(organisation=world.tenant.organisation, team=world.team2)
    result = figures.participation(team_scope(world, world.team2))
    # t2_1's note on 3 June: 1 of 5 = 20 %.
    assert (result.members, result.contributors_30, result.share_30) == (5, 1, 20)


def test_organisation_participation_and_other_organisations_never_counted(world):
    result = figures.participation(org_scope(world))
    # 18 members: the 5 of the tenant (lead, analyst and admin in no team) + 4 + 4 + 5.
    # 30 days: team 1's four and t2_1 = 5 of 18 = 28 %; 90 days adds p5 and t3_1 (20 April):
    # 7 of 18 = 39 %. The six contributors in the other organisation count nowhere.
    assert (result.members, result.contributors_30, result.share_30) == (18, 5, 28)
    assert (result.contributors_90, result.share_90) == (7, 39)


def test_anonymous_notes_never_make_their_author_a_contributor(world):
    p6 = world.people["p6"]
    members = figures.members(team_scope(world)).values("user_id")
    until = figures._midnight(date(2026, 7, 1))
    found = figures._contributors(world.tenant.organisation, figures._midnight(START), until,
                                  members)
    assert p6.pk not in found
    assert world.people["p5"].pk in found


def test_quiet_teams_skip_small_teams(world):
    # In the last 30 days team 3 (five members, last note 20 April) is quiet.
    assert [q.name for q in figures.teams_without_contribution(org_scope(world))] == [
        world.team3.name]
    # In the last 20 days team 2 is quiet too, but with four members it is never listed.
    quiet = figures.teams_without_contribution(org_scope(world), days=20)
    assert [(q.name, q.members) for q in quiet] == [(world.team3.name, 5)]


def test_team_flow(world):
    result = figures.flow(team_scope(world))
    # Note -> idea links made in the period: I1-N1 2 Jan -> 5 Jan = 3, I2-N2 22 Jan -> 1 Feb
    # = 10, I3-N3 27 Feb -> 1 Mar = 2, I3-N1 2 Jan -> 1 Mar = 58; median of 2,3,10,58 = 6.5.
    assert (result.note_to_idea_days, result.note_to_idea_count) == (6.5, 4)
    # Idea -> first test started in the period: I1 5 -> 12 Jan = 7, I2 1 -> 4 Feb = 3,
    # I3 1 -> 20 Mar = 19; median 7.
    assert (result.idea_to_test_days, result.idea_to_test_count) == (7.0, 3)
    # First test -> decision in the period: I1 12 Jan -> 11 Feb = 30, I2 4 Feb -> 6 Mar = 30,
    # I5 10 Nov -> 20 Jan = 71; median 30.
    assert (result.test_to_decision_days, result.test_to_decision_count) == (30.0, 3)
    assert [(m.month.month, m.tested, m.adopted) for m in result.by_month] == [
        (1, 1, 1), (2, 1, 1), (3, 1, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0)]
    # Open: I3 testing, I4 and I7 suggested.
    assert [(w.name, w.open_ideas) for w in result.work_in_progress] == [(world.team1.name, 3)]
    # Two adopted (I5, I1) by 6 members over 181 days: 2 / 6 * 100 * 365 / 181 = 67.2.
    assert (result.adopted, result.members, result.per_100_staff_per_year) == (2, 6, 67.2)
    # Act steps in the period: adopt (I1, I5), adapt (I3 cycle 1), abandon (I2).
    assert result.decisions == {"adopt": 2, "adapt": 1, "abandon": 1}
    assert [result.decision_share(o) for o in ("adopt", "adapt", "abandon")] == [50, 25, 25]


def test_organisation_flow_adds_other_teams_only(world):
    result = figures.flow(org_scope(world))
    # Team 2's I6 adds an idea -> test of 5 days (10 -> 15 Jan) and a test -> decision of
    # 47 (15 Jan -> 3 Mar): medians of 3,5,7,19 = 6 and of 30,30,47,71 = 38.5.
    assert result.idea_to_test_days == 6.0
    assert result.test_to_decision_days == 38.5
    assert result.note_to_idea_count == 4
    assert result.decisions == {"adopt": 3, "adapt": 1, "abandon": 1}
    # 3 adopted by 18 members: 3 / 18 * 100 * 365 / 181 = 33.6.
    assert result.per_100_staff_per_year == 33.6


def test_cumulative(world):
    result = figures.cumulative(team_scope(world))
    # I0 adopted in December 2025, then I5 in January and I1 in February.
    assert result.adopted_before == 1
    assert [(m.month.month, m.adopted, m.cumulative) for m in result.by_month] == [
        (1, 1, 2), (2, 1, 3), (3, 0, 3), (4, 0, 3), (5, 0, 3), (6, 0, 3)]
    assert result.adopted_total == 3
    # M1 ends with three points far above its steady 10-11; M2 stays steady.
    assert result.measures == 2
    assert [m.name for m in result.improving] == ["Measure M1"]
    # Opened 2 March (in), resolved 7 April and 9 January (both in).
    assert (result.checks_opened, result.checks_resolved) == (1, 2)


def test_organisation_cumulative(world):
    result = figures.cumulative(org_scope(world))
    assert result.adopted_total == 4
    assert result.measures == 3
    assert [m.name for m in result.improving] == ["Measure M1", "Measure M3"]


def test_you_said_we_did_titles_are_deidentified(world):
    rows = figures.you_said_we_did(organisation=world.tenant.organisation, start=START,
                                   end=END, teams=(world.team1,))
    assert [(r.idea_id, r.notes, r.adopted_on, r.sustained) for r in rows] == [
        (world.ideas["I1"].pk, 1, date(2026, 2, 11), False),
        (world.ideas["I5"].pk, 0, date(2026, 1, 20), True),
    ]
    assert "07700" not in rows[0].title
    assert rows[0].title == "Ring [PHONE] the day before each visit"
    assert rows[0].url.endswith(f"/ideas/{world.ideas['I1'].pk}/")


def test_you_said_we_did_for_the_organisation(world):
    rows = figures.you_said_we_did(organisation=world.tenant.organisation, start=START,
                                   end=END)
    assert [r.idea_id for r in rows] == [world.ideas[k].pk for k in ("I6", "I1", "I5")]
    assert {r.team for r in rows} == {world.team1.name, world.team2.name}


def test_my_contributions_are_the_viewers_own(world):
    mine = figures.my_contributions(organisation=world.tenant.organisation,
                                    user=world.people["p6"], end=END)
    # p6's anonymous note and reply are theirs to see; the draft is not a contribution.
    assert (mine.notes, mine.replies, mine.total) == (1, 1, 2)
    manager = figures.my_contributions(organisation=world.tenant.organisation,
                                       user=world.people["manager"], end=END)
    assert (manager.me_toos, manager.total) == (1, 1)


def test_measure_statuses_computed_once_give_each_team_its_own(world):
    statuses = figures.measure_statuses(world.tenant.organisation)
    assert [s.name for s in statuses if s.improving] == ["Measure M1", "Measure M3"]
    for scope in (team_scope(world), team_scope(world, world.team2), org_scope(world)):
        assert figures.cumulative(scope, statuses=statuses) == figures.cumulative(scope)
