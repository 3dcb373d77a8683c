from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "stepwise.measures"
    label = "measures"

    def ready(self) -> None:
        from stepwise.core import home, navigation
        from stepwise.core.navigation import NavEntry
        from stepwise.measures import selectors, services, tasks  # noqa: F401 - scheduled jobs
        from stepwise.organisations import handover

        navigation.register(NavEntry("Measures", "measures:list", order=40))
        home.register(selectors.home_steps, order=300)
        handover.register("measures", services.measures_hand_over)
