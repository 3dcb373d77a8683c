from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "stepwise.organisations"
    label = "organisations"

    def ready(self) -> None:
        from stepwise.core import home, navigation
        from stepwise.core.navigation import NavEntry

        navigation.register(NavEntry("Teams", "organisations:teams", order=80))
        navigation.register(NavEntry("People", "organisations:members", "member.invite", 85))
        navigation.register(NavEntry("Audit log", "organisations:audit_log", "audit.read", 90))
        navigation.register(NavEntry("Settings", "organisations:settings", "retention.set", 95))
        home.register(home.organisation_steps, order=900)
