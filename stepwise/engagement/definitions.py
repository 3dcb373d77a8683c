"""How every engagement figure is counted, in words: shown beside the figure on the
dashboards ("How is this counted?") and reused by the report."""

from dataclasses import dataclass

from stepwise.engagement.figures import MIN_GROUP


@dataclass(frozen=True)
class Definition:
    label: str
    how: str


CONTRIBUTION = (
    "A contribution is a shared learning note, a \u201cme too\u201d, a reply, a suggested "
    "idea, support for an idea, or a planned test (PDSA cycle)."
)
SUPPRESSION = (
    f"Shown only for groups of at least {MIN_GROUP} members, so that a figure never points "
    "at one person."
)

DEFINITIONS: dict[str, Definition] = {
    "participation_30": Definition(
        "Staff who contributed in the last 30 days",
        f"{CONTRIBUTION} We count the active members of the team (or organisation) who made "
        "at least one contribution in the 30 days up to the end of the period, and divide by "
        "the number of active members today. Anonymous notes and replies are not counted "
        f"against anyone; they appear only in the team's count of notes. {SUPPRESSION}",
    ),
    "participation_90": Definition(
        "Staff who contributed in the last 90 days",
        f"{CONTRIBUTION} As for 30 days, over the 90 days up to the end of the period. "
        f"{SUPPRESSION}",
    ),
    "participation_by_month": Definition(
        "Share of staff contributing, month by month",
        "For each calendar month, the active members who made at least one contribution in "
        "that month, divided by the active members today. The run chart marks shifts and "
        f"trends by the usual run chart rules. {SUPPRESSION}",
    ),
    "notes_90": Definition(
        "Learning notes shared in the last 90 days",
        "Every note shared with the team or the organisation in the 90 days up to the end of "
        "the period, anonymous ones included. Drafts and withdrawn notes are not counted.",
    ),
    "quiet_teams": Definition(
        "Teams with no contribution lately",
        "Teams with no shared note and no contribution by any member in the last 30 days. "
        f"Teams of fewer than {MIN_GROUP} members are never listed.",
    ),
    "note_to_idea": Definition(
        "Days from a note to an idea",
        "For every link made in the period between a learning note and an improvement idea, "
        "the days from the note being shared to the link; the figure is the median.",
    ),
    "idea_to_test": Definition(
        "Days from an idea to its first test",
        "For every idea whose first PDSA cycle started in the period, the days from the idea "
        "being suggested to the start of that cycle; the figure is the median.",
    ),
    "test_to_decision": Definition(
        "Days from the first test to a decision",
        "For every idea adopted, sustained or abandoned in the period, the days from the "
        "start of its first PDSA cycle to the decision; the figure is the median.",
    ),
    "tested_adopted_by_month": Definition(
        "Ideas tested and adopted each month",
        "Tested: ideas whose first PDSA cycle started that month. Adopted: ideas adopted that "
        "month that are still adopted or sustained.",
    ),
    "work_in_progress": Definition(
        "Ideas in progress",
        "Ideas that are suggested, ready to test, being tested or being studied today, by "
        "team.",
    ),
    "per_100_staff": Definition(
        "Improvements per 100 staff per year",
        "Ideas adopted in the period, divided by the active members today, times 100, scaled "
        "to a year (365 days over the days in the period). For context: Toyota's suggestion "
        "system reached about 10 implemented improvements per person per year, that is "
        "about 1,000 per 100 staff.",
    ),
    "decisions": Definition(
        "Decisions after a test",
        "The Act step of every PDSA cycle completed in the period: adopt, adapt or abandon, "
        "as a share of all such decisions. Abandoned tests are learning too.",
    ),
    "cumulative_adopted": Definition(
        "Improvements adopted so far",
        "The running total, month by month, of ideas adopted (and still adopted or "
        "sustained), counting everything adopted before the period too.",
    ),
    "improving_measures": Definition(
        "Measures showing improvement",
        "Measures whose latest point is special-cause improvement by the NHS \u201cMaking "
        "Data Count\u201d rules (outside the process limits, or a run of points on the "
        "better side of the mean), exactly as the measure's own chart says.",
    ),
    "sustain_checks": Definition(
        "Sustain checks",
        "Checks opened in the period because an adopted change's measure began to fade, and "
        "checks resolved in the period by the change's owner.",
    ),
    "you_said_we_did": Definition(
        "You said, we did",
        "Ideas adopted in the period, with the number of learning notes each grew from. Only "
        "the idea's title is shown, with identifying details removed.",
    ),
    "my_contributions": Definition(
        "Your contributions",
        "Your own notes, \u201cme too\u201ds, replies, ideas, support and tests in the last "
        "90 days, anonymous ones included. Only you see this; nobody sees another person's "
        "figures.",
    ),
}
