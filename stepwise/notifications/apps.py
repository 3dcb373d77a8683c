from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "stepwise.notifications"
    label = "notifications"

    def ready(self) -> None:
        from stepwise.core import navigation
        from stepwise.core.navigation import NavEntry
        from stepwise.notifications import tasks  # noqa: F401 - registers scheduled jobs

        navigation.register(NavEntry("Notifications", "notifications:list", order=70))
