from django.urls import include, path

urlpatterns = [
    path("", include("stepwise.core.urls")),
    path("", include("stepwise.accounts.urls")),
    path("", include("stepwise.organisations.urls")),
    path("", include("stepwise.learning.urls")),
    path("", include("stepwise.themes.urls")),
    path("", include("stepwise.notifications.urls")),
    path("", include("stepwise.measures.urls")),
    path("", include("stepwise.improvements.urls")),
    path("", include("stepwise.privacy.urls")),
    path("", include("stepwise.engagement.urls")),
    path("", include("stepwise.recognition.urls")),
]

handler400 = "stepwise.core.views.error_400"
handler403 = "stepwise.core.views.error_403"
handler404 = "stepwise.core.views.error_404"
handler500 = "stepwise.core.views.error_500"
