from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stepwise.core"
    label = "core"

    def ready(self) -> None:
        from stepwise.core import tasks  # noqa: F401 - registers scheduled jobs
