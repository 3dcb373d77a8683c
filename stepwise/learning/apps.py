from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "stepwise.learning"
    label = "learning"

    def ready(self) -> None:
        from stepwise.learning import services
        from stepwise.organisations import setup

        setup.register("learning.practice_areas", services.practice_areas_seed)
