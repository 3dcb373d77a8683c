from django.urls import path

from stepwise.core.urls import ORG
from stepwise.improvements import views

app_name = "improvements"

IDEA = f"{ORG}ideas/<int:idea_id>/"

urlpatterns = [
    path(f"{ORG}ideas/", views.ideas, name="ideas"),
    path(f"{ORG}ideas/new/", views.idea_new, name="idea_new"),
    path(IDEA, views.idea, name="idea"),
    path(f"{IDEA}edit/", views.idea_edit, name="idea_edit"),
    path(f"{IDEA}smallness/", views.idea_smallness, name="idea_smallness"),
    path(f"{IDEA}split/", views.idea_split, name="idea_split"),
    path(f"{IDEA}ready/", views.idea_ready, name="idea_ready"),
    path(f"{IDEA}go-ahead/", views.idea_go_ahead, name="idea_go_ahead"),
    path(f"{IDEA}sustained/", views.idea_sustain, name="idea_sustain"),
    path(f"{IDEA}support/", views.idea_support, name="idea_support"),
    path(f"{IDEA}support/withdraw/", views.idea_unsupport, name="idea_unsupport"),
    path(f"{IDEA}owners/", views.idea_owners, name="idea_owners"),
    path(f"{IDEA}abandon/", views.idea_abandon, name="idea_abandon"),
    path(f"{IDEA}move/", views.idea_move, name="idea_move"),
    path(f"{IDEA}try/", views.idea_try, name="idea_try"),
    path(f"{IDEA}cycles/new/", views.cycle_plan, name="cycle_plan"),
    path(f"{IDEA}cycles/<int:cycle_id>/do/", views.cycle_do, name="cycle_do"),
    path(f"{IDEA}cycles/<int:cycle_id>/study/", views.cycle_study, name="cycle_study"),
    path(f"{IDEA}cycles/<int:cycle_id>/act/", views.cycle_act, name="cycle_act"),
    path(f"{IDEA}concerns/new/", views.concern_raise, name="concern_raise"),
    path(f"{IDEA}concerns/<int:concern_id>/reply/", views.concern_reply, name="concern_reply"),
    path(f"{IDEA}concerns/<int:concern_id>/resolve/", views.concern_resolve,
         name="concern_resolve"),
    path(f"{ORG}board/", views.board, name="board"),
    path(f"{ORG}library/", views.library, name="library"),
]
