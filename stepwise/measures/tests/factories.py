from datetime import date

import factory

from stepwise.measures.models import DataPoint, Measure, SustainCheck, SustainWatch
from stepwise.organisations.tests.factories import (
    OrganisationFactory,
    TenantFactory,
    UserFactory,
)


class MeasureFactory(TenantFactory):
    class Meta:
        model = Measure

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    definition = "Invented for a test."
    unit = "count"
    direction = "increase"
    frequency = "weekly"
    owner = factory.SubFactory(UserFactory)


class DataPointFactory(TenantFactory):
    class Meta:
        model = DataPoint

    measure = factory.SubFactory(MeasureFactory)
    organisation = factory.SelfAttribute("measure.organisation")
    period = date(2025, 1, 6)
    value = 10.0


class SustainWatchFactory(TenantFactory):
    class Meta:
        model = SustainWatch

    measure = factory.SubFactory(MeasureFactory)
    organisation = factory.SelfAttribute("measure.organisation")
    adopted_on = date(2025, 1, 6)
    owner = factory.SubFactory(UserFactory)
    source_label = "An adopted idea"
    baseline_mean = 10.0


class SustainCheckFactory(TenantFactory):
    class Meta:
        model = SustainCheck

    watch = factory.SubFactory(SustainWatchFactory)
    organisation = factory.SelfAttribute("watch.organisation")
    reason = "fading"
    trigger_period = date(2025, 3, 3)
