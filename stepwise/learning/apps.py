from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "stepwise.learning"
    label = "learning"

    def ready(self) -> None:
        from stepwise.core import home, navigation
        from stepwise.core.navigation import NavEntry
        from stepwise.learning import (
            services,
            tasks,  # noqa: F401 - registers scheduled jobs
        )
        from stepwise.learning.home import learning_steps
        from stepwise.organisations import setup

        setup.register("learning.practice_areas", services.practice_areas_seed)
        navigation.register(NavEntry("Learning notes", "learning:notes", order=10))
        navigation.register(NavEntry("Search notes", "learning:search", order=11))
        navigation.register(NavEntry("Import notes", "learning:import", "note.import", order=62))
        navigation.register(
            NavEntry("Reported notes", "learning:reports", "note.moderate", order=60)
        )
        navigation.register(
            NavEntry("Practice areas", "learning:practice_areas", "retention.set", order=96)
        )
        home.register(learning_steps, order=10)
