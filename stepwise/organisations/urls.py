from django.urls import path

from stepwise.core.urls import ORG
from stepwise.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.choose, name="choose"),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path(f"{ORG}people/", views.members, name="members"),
    path(f"{ORG}people/invite/", views.invite, name="invite"),
    path(f"{ORG}people/invite/bulk/", views.invite_bulk, name="invite_bulk"),
    path(f"{ORG}people/invitations/<int:invitation_id>/withdraw/", views.invitation_revoke,
         name="invitation_revoke"),
    path(f"{ORG}people/<int:membership_id>/", views.member_edit, name="member_edit"),
    path(f"{ORG}people/<int:membership_id>/deactivate/", views.member_deactivate,
         name="member_deactivate"),
    path(f"{ORG}people/<int:membership_id>/two-factor-reset/", views.member_two_factor_reset,
         name="member_two_factor_reset"),
    path(f"{ORG}people/<int:membership_id>/reactivate/", views.member_reactivate,
         name="member_reactivate"),
    path(f"{ORG}teams/", views.teams, name="teams"),
    path(f"{ORG}teams/<int:team_id>/", views.team_edit, name="team_edit"),
    path(f"{ORG}audit/", views.audit_log, name="audit_log"),
    path(f"{ORG}settings/", views.organisation_settings, name="settings"),
]
