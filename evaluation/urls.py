from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("models/", views.model_list, name="model-list"),
    path("models/new/", views.model_new, name="model-new"),
    path("models/<int:pk>/edit/", views.model_edit, name="model-edit"),
    path("models/<int:pk>/verify/", views.model_verify, name="model-verify"),
    path("token/", views.token, name="token"),
    path("token/regenerate/", views.token_regenerate, name="token-regenerate"),
    path("releases/", views.release_list, name="release-list"),
    path("releases/<int:pk>/test-inputs.<str:fmt>", views.inputs_download, name="test-inputs"),
    path("releases/<int:pk>/leaderboard/", views.leaderboard, name="leaderboard"),
    path(
        "releases/<int:pk>/leaderboard.<str:fmt>",
        views.leaderboard_export,
        name="leaderboard-export",
    ),
    path("releases/<int:pk>/close-phase/", views.phase_close, name="phase-close"),
    path("submit/", views.submission_new, name="submission-new"),
    path("submissions/", views.submission_list, name="submission-list"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/choose/", views.submission_choose, name="submission-choose"),
]
