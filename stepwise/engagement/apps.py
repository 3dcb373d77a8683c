from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "stepwise.engagement"
    label = "engagement"

    def ready(self) -> None:
        from stepwise.core import home, navigation
        from stepwise.core.navigation import NavEntry
        from stepwise.engagement import tasks  # noqa: F401 - registers the five-minute refresh
        from stepwise.engagement.home import engagement_steps

        navigation.register(NavEntry("Our impact", "engagement:home",
                                     capability="engagement.view_team", order=50))
        home.register(engagement_steps, order=60)
