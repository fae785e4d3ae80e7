from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("accounts.urls")),
    path("pipeline/", include("pipeline.urls")),
    path("annotation/", include("annotation.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("admin/", admin.site.urls),
    path("api/pipeline/", include("pipeline.api_urls")),
    path("api/annotation/", include("annotation.api_urls")),
    path("api/evaluation/", include("evaluation.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
