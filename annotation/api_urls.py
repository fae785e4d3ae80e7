from django.urls import path

from . import apis, curation_apis, export_apis

app_name = "annotation-api"

urlpatterns = [
    path("campaigns/<int:pk>/next/", apis.NextItemApi.as_view(), name="next"),
    path("campaigns/<int:pk>/my-progress/", apis.MyProgressApi.as_view(), name="my-progress"),
    path("campaigns/<int:pk>/progress/", apis.CampaignProgressApi.as_view(), name="progress"),
    path("assignments/<int:pk>/submit/", apis.SubmitApi.as_view(), name="submit"),
    path("assignments/<int:pk>/skip/", apis.SkipApi.as_view(), name="skip"),
    path("assignments/<int:pk>/undo/", apis.UndoApi.as_view(), name="undo"),
    *curation_apis.urlpatterns,
    *export_apis.urlpatterns,
]
