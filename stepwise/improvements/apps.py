from django.apps import AppConfig


class ImprovementsConfig(AppConfig):
    name = "stepwise.improvements"
    label = "improvements"

    def ready(self) -> None:
        from stepwise.core import home, navigation, note_outcomes
        from stepwise.core.navigation import NavEntry
        from stepwise.improvements import kinds, measures_bridge, selectors, services, tasks  # noqa: F401
        from stepwise.organisations import handover

        navigation.register(NavEntry("Ideas", "improvements:ideas", "idea.create", 30))
        navigation.register(NavEntry("Huddle board", "improvements:board", "board.view", 35))
        navigation.register(NavEntry("Library", "improvements:library", order=40))
        home.register(selectors.home_steps, order=30)
        note_outcomes.register(selectors.note_outcomes)
        measures_bridge.register_markers()
        handover.register("improvements.ideas", services.ideas_hand_over)
