from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "stepwise.recognition"
    label = "recognition"

    def ready(self) -> None:
        from stepwise.core import navigation
        from stepwise.core.navigation import NavEntry

        navigation.register(NavEntry("Success of the month", "recognition:highlight", order=65))
