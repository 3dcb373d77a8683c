"""Hand-written fragments that the demo combines into learning notes. Wholly fictional: no
real people, places or cases; children and families are described by role only."""

# (kind, practice area, factors, what happened, what was expected, why the difference, next time)
SCENARIOS = [
    ("near_miss", "Front door / MASH", ["tools", "multi_agency"],
     "a police notification sat in the shared inbox over the weekend because the inbox rule "
     "only flagged messages marked urgent",
     "the contact to be screened within one working day",
     "the sender had not ticked 'urgent' and nobody checks the inbox on Saturday mornings",
     "a daily inbox sweep by whoever is on duty, whatever the flag says"),
    ("success", "Front door / MASH", ["team", "multi_agency"],
     "we held a ten-minute huddle with the health and police leads before screening a complex "
     "contact, and agreed the threshold decision together",
     "a day of e-mails back and forth",
     "everyone was in the room at 9:30 anyway, so we used the time",
     "keep the 9:30 huddle and put complex contacts first on the list"),
    ("mistake", "Assessment", ["practitioner", "tools"],
     "I wrote the assessment summary before speaking to the child's father, who lives apart "
     "from the family, and had to rewrite the analysis",
     "to have all the adults' views before the analysis section",
     "the template puts the analysis box before the 'other significant adults' section",
     "a prompt on the template to check every parent has been seen or contacted"),
    ("success", "Assessment", ["family", "practitioner"],
     "the young person drew their own genogram on the tablet during the visit and explained "
     "who matters to them, which changed who we invited to the family meeting",
     "to fill in the genogram myself from the records",
     "giving the young person the pen made it their story rather than ours",
     "take the tablet with the drawing app to every first visit"),
    ("near_miss", "Child protection enquiries and conferences", ["tools", "organisation"],
     "the conference invitation went to an old address because the case system still held the "
     "previous tenancy",
     "the family to receive the invitation ten days before the conference",
     "the address change had been recorded in a case note but not in the address field",
     "a check of the address field when the conference is booked"),
    ("success", "Child protection enquiries and conferences", ["family", "team"],
     "we met the parent for twenty minutes before the conference to walk through the report, "
     "and the conference itself was calmer and more focused on the plan",
     "the parent to hear the report for the first time in the meeting",
     "they had time to be upset and ask questions before facing a room of professionals",
     "book a pre-meeting slot for every initial conference"),
    ("mistake", "Child protection enquiries and conferences", ["multi_agency", "resources"],
     "the strategy discussion went ahead without the health visitor because the invite bounced "
     "from a changed e-mail address",
     "health to be part of the decision",
     "the partner contact list had not been updated since the health visiting teams merged",
     "a shared, dated contact list that partners update themselves"),
    ("observation", "Child in need", ["family", "resources"],
     "families on the estate are turning down appointments at the family centre because the "
     "bus route changed and it now takes two buses",
     "attendance to stay the same as last term",
     "the journey now takes over an hour with small children",
     "hold some sessions in the community room on the estate"),
    ("success", "Child in need", ["practitioner", "family"],
     "a short text message the evening before the review meeting meant the mother came, for "
     "the first time in three meetings",
     "another missed meeting",
     "she said she had simply lost track of the date",
     "a reminder text for every review, sent from the team phone"),
    ("near_miss", "Children in care", ["tools", "team"],
     "the contact arrangements in the placement plan did not match what the court had ordered, "
     "and the foster carer nearly arranged contact that was not allowed",
     "the placement plan to be updated after the hearing",
     "the order arrived after the plan had been written and nobody owned the update",
     "the allocated worker checks the placement plan within two days of any order"),
    ("success", "Children in care", ["team", "family"],
     "the young person chaired part of their own review, using prompt cards we made together",
     "them to sit quietly while the adults talked",
     "they had prepared and knew what each part of the meeting was for",
     "offer prompt cards before every review, not only to older children"),
    ("observation", "Children in care", ["organisation", "resources"],
     "three foster carers mentioned this month that they did not know who to call out of hours "
     "when a placement wobbles",
     "carers to have the out-of-hours number",
     "the number is in the handbook but the handbook is long and rarely opened",
     "a fridge card with the three numbers carers actually need"),
    ("success", "Care leavers", ["practitioner", "resources"],
     "we met at the café the young person chose, rather than the office, and sorted out the "
     "tenancy paperwork in one go",
     "a missed office appointment",
     "the place felt like theirs and they brought the letters with them",
     "ask young people where they want to meet, every time"),
    ("mistake", "Care leavers", ["tools", "organisation"],
     "the pathway plan review was late because the reminder went to a worker who had left",
     "the review to be done by the young person's birthday",
     "reminders are tied to the person, not the caseload, and nobody moved them",
     "reminders that follow the caseload when work is handed over"),
    ("near_miss", "Court and pre-proceedings", ["tools", "resources"],
     "the chronology for the pre-proceedings meeting was nearly sent with another family's "
     "entries pasted in from a template",
     "a clean chronology",
     "copying from an old document was quicker than starting from the blank template",
     "a blank chronology template in the shared drive and a second pair of eyes before sending"),
    ("success", "Court and pre-proceedings", ["team", "practitioner"],
     "a senior practitioner read the draft statement with me for thirty minutes and the "
     "statement was accepted without questions",
     "to be asked to redraft it",
     "we focused on the analysis, not the history",
     "protected time for peer reading before every statement is filed"),
    ("observation", "Early help", ["multi_agency", "family"],
     "schools are referring to early help late in the term, when problems have built up for "
     "weeks",
     "referrals to come in as soon as worries start",
     "schools told us they wait until they have 'enough' to refer",
     "a monthly drop-in where schools can talk a worry through before referring"),
    ("success", "Early help", ["family", "team"],
     "the family plan was written in the family's words, and the parents started tracking "
     "bedtimes themselves",
     "us to chase progress at every visit",
     "the goals were theirs, not ours",
     "write the plan with the family at the first meeting, not afterwards"),
    ("near_miss", "Multi-agency working", ["multi_agency", "tools"],
     "the school's safeguarding lead did not get the outcome of the strategy discussion and "
     "nearly sent the child home with the parent who was not allowed to collect",
     "all agencies to get the outcome the same day",
     "the outcome e-mail went only to the people who attended",
     "the outcome goes to every agency named in the referral"),
    ("success", "Multi-agency working", ["multi_agency", "team"],
     "a joint visit with the school nurse meant the young person only had to tell their story "
     "once",
     "two separate visits the same week",
     "we planned the questions together in the car",
     "offer joint visits whenever two of us need to see the same child"),
    ("mistake", "Recording", ["tools", "resources"],
     "visit notes were written up three days late after a run of duty days, and some detail "
     "was lost",
     "notes within 24 hours",
     "duty days leave no time to write up",
     "a protected hour after each duty day"),
    ("observation", "Recording", ["tools", "organisation"],
     "the case system logs people out after ten minutes, and half-written case notes are lost "
     "several times a week",
     "the system to keep a draft",
     "the timeout is set for security and nobody had asked for an autosave",
     "write long notes in the offline template and paste them in"),
    ("success", "Supervision", ["team", "practitioner"],
     "reflective supervision started with what went well this week, and we found two ideas to "
     "try with a stuck family",
     "a case-by-case checklist",
     "starting with strengths opened up the conversation",
     "keep the first ten minutes of supervision for reflection"),
    ("mistake", "Supervision", ["organisation", "resources"],
     "supervision was cancelled twice in a row because of court, and a drift in a child in "
     "need plan was not picked up for six weeks",
     "monthly supervision",
     "supervision is the first thing to go when the diary fills",
     "a quick fifteen-minute check-in when full supervision has to move"),
]

OPENERS = {
    "success": ["Last week", "On Monday", "Yesterday", "This week",
                "At the team meeting", "On Thursday afternoon", "Earlier this month"],
    "mistake": ["Last week", "Earlier this month", "Recently", "A fortnight ago"],
    "near_miss": ["Last week", "On Friday", "Earlier this month", "During duty on Tuesday"],
    "observation": ["Over the last few weeks", "Lately", "In the last month",
                    "Since the start of term"],
}

CLOSERS = {
    "success": ["", "", " It was a small thing but it made a real difference.",
                " The family noticed the difference.",
                " Worth sharing in case it helps someone else."],
    "mistake": ["", "", " Nobody was harmed, but it could have gone differently.",
                " I have talked it through with my manager.",
                " Sharing so others can avoid the same trap."],
    "near_miss": ["", "", " It was caught in time, this time.",
                  " I think this happens more often than we notice."],
    "observation": ["", " I think this happens more often than we notice.",
                    " Worth a look at a team huddle."],
}

REPLIES = [
    "Thank you for writing this up – it happened to me last month too.",
    "Really useful. Could we bring this to the next huddle?",
    "We tried something similar in our team and it helped.",
    "Good catch. Have you told the system team?",
    "This is a great example of what works – thanks for sharing.",
    "I had not thought of it that way. Trying it this week.",
]

ME_TOO_COMMENTS = [
    "", "", "", "Same on our patch.", "This happened to me twice this month.",
    "Yes – especially on Fridays.", "Same with the school contacts list.",
]
