from django.urls import path

from . import apis

app_name = "pipeline-api"

urlpatterns = [
    path("imports/<int:pk>/", apis.CatalogImportDetailApi.as_view(), name="import-detail"),
]
