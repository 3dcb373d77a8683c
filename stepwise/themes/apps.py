from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "stepwise.themes"
    label = "themes"

    def ready(self) -> None:
        from stepwise.core import home, navigation
        from stepwise.core.navigation import NavEntry
        from stepwise.learning import hooks
        from stepwise.themes import tasks  # noqa: F401 - registers the nightly recomputation
        from stepwise.themes.home import theme_steps

        navigation.register(NavEntry("Themes", "themes:list", order=20))
        home.register(theme_steps, order=20)
        hooks.register(_enqueue_assignment)


def _enqueue_assignment(note_id: int) -> None:
    from stepwise.themes.tasks import assign_note_theme

    assign_note_theme.enqueue(note_id)
