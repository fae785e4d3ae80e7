from django.urls import path

from . import apis

app_name = "pipeline-api"

urlpatterns = [
    path("imports/<int:pk>/", apis.CatalogImportDetailApi.as_view(), name="import-detail"),
    path("runs/", apis.PipelineRunCreateApi.as_view(), name="run-create"),
    path("runs/<int:pk>/", apis.PipelineRunDetailApi.as_view(), name="run-detail"),
    path("runs/<int:pk>/cancel/", apis.PipelineRunCancelApi.as_view(), name="run-cancel"),
]
