from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "stepwise.engagement"
    label = "engagement"
