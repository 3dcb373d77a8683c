from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "stepwise.privacy"
    label = "privacy"

    def ready(self) -> None:
        from stepwise.core.navigation import NavEntry, register
        from stepwise.privacy import tasks  # noqa: F401 - registers the purge job

        register(NavEntry("Privacy", "privacy:phrases", "privacy.lists", 92))
