"""Release export pages: list and start exports, watch progress, download files."""

from django.urls import path

from annotation.views import exports

urlpatterns = [
    path("releases/<int:pk>/exports/", exports.release_exports, name="release-exports"),
    path("releases/<int:pk>/exports/new/", exports.export_new, name="export-new"),
    path("exports/<int:pk>/", exports.export_detail, name="export-detail"),
    path("exports/<int:pk>/files/<path:name>", exports.export_file, name="export-file"),
]
