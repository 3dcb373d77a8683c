import random
from datetime import timedelta

import pytest
from django.utils import timezone

from stepwise.learning.models import Visibility
from stepwise.learning.tests.factories import NoteFactory

# Fictional learning notes in three recurring themes, worded a little differently each time.
TOPICS = {
    "domestic-abuse": [
        "Mum disclosed domestic abuse by her partner at the visit and the MARAC referral {x}",
        "The DASH risk assessment after the police call-out for domestic violence {x}",
        "Coercive control by the new partner only came out when we saw mum alone; the "
        "domestic abuse safety plan {x}",
        "The IDVA joined the visit after the domestic abuse incident and the refuge place {x}",
    ],
    "information-sharing": [
        "The GP had not shared information with children's social care and the health "
        "visitor {x}",
        "The police notification reached the front door a week late, so information sharing "
        "between agencies {x}",
        "School had concerns but did not share them with the health visitor or the GP; "
        "nobody {x}",
        "Information from the ambulance service never reached the MASH; the agencies {x}",
    ],
    "voice-of-the-child": [
        "I saw the child alone using the three houses tool and her wishes and feelings {x}",
        "The young person wrote their own words in the plan; the voice of the child {x}",
        "We asked the child what a day is like at home and the lived experience {x}",
        "The child chose where we met and talked about their wishes and feelings, which {x}",
    ],
}
ENDINGS = [
    "was picked up late.", "changed the plan.", "was missed for weeks.",
    "helped the family a lot.", "made the next visit easier.", "needs a clearer route.",
]


def note_texts(count_per_topic: int = 8, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    texts = []
    for topic, openings in TOPICS.items():
        for i in range(count_per_topic):
            texts.append((topic, openings[i % len(openings)].format(x=rng.choice(ENDINGS))))
    return texts


def make_note(tenant, text: str, *, team=None, shared: bool = True, days_ago: float = 5,
              author=None, **extra):
    team = team or tenant.teams[0]
    author = author or tenant.practitioner.user
    submitted = timezone.now() - timedelta(days=days_ago)
    fields = {"what_happened": text, "submitted_at": submitted}
    if shared:
        fields.update(visibility=Visibility.ORGANISATION, shared_what_happened=text,
                      shared_approved_at=submitted)
    return NoteFactory(team=team, author=author, **fields, **extra)


@pytest.fixture
def themed_notes(tenant_a):
    """24 notes of tenant A, shared across the organisation, in three themes."""
    return [
        (topic, make_note(tenant_a, text, days_ago=3 + i))
        for i, (topic, text) in enumerate(note_texts())
    ]
