from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "stepwise.themes"
    label = "themes"

    def ready(self) -> None:
        from stepwise.core import home, navigation
        from stepwise.core.navigation import NavEntry
        from stepwise.themes import tasks  # noqa: F401 - registers the nightly recomputation
        from stepwise.themes.home import theme_steps

        navigation.register(NavEntry("Themes", "themes:list", order=20))
        home.register(theme_steps, order=20)
