from django.urls import path

from . import apis

app_name = "evaluation-api"

urlpatterns = [
    path("releases/", apis.ReleaseListApi.as_view(), name="release-list"),
    path(
        "releases/<int:pk>/test-inputs/",
        apis.ReleaseTestInputsApi.as_view(),
        name="test-inputs",
    ),
    path("releases/<int:pk>/leaderboard/", apis.LeaderboardApi.as_view(), name="leaderboard"),
    path("models/", apis.ModelListCreateApi.as_view(), name="models"),
    path("submissions/", apis.SubmissionListCreateApi.as_view(), name="submissions"),
    path("submissions/<int:pk>/", apis.SubmissionDetailApi.as_view(), name="submission-detail"),
    path(
        "submissions/<int:pk>/scores/",
        apis.SubmissionScoresApi.as_view(),
        name="submission-scores",
    ),
]
