"""Release export API: list a release's exports and files, start one (curators), follow its
progress, download a file. Curators see everything; model authors public files of finished
exports of published releases only (never private/, so never a test label)."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import CURATOR, MODEL_AUTHOR, HasRole
from annotation.curation.exports import (
    export_file_download_name,
    export_file_path,
    export_files_visible,
    release_export_create,
    release_export_visible,
    release_exports_visible,
)
from annotation.models import Release


class ExportFileOutputSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="path inside the export, e.g. t1/train.parquet")
    format = serializers.CharField()
    task = serializers.CharField(allow_null=True)
    split = serializers.CharField(allow_null=True)
    rows = serializers.IntegerField(allow_null=True)
    bytes = serializers.IntegerField()
    sha256 = serializers.CharField()
    public = serializers.BooleanField()
    url = serializers.CharField(help_text="download URL (API)")


class ExportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    release = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    include_test_labels = serializers.BooleanField()
    rows_total = serializers.IntegerField()
    rows_done = serializers.IntegerField()
    percent = serializers.IntegerField()
    failure = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    files = ExportFileOutputSerializer(many=True)


class ExportInputSerializer(serializers.Serializer):
    include_test_labels = serializers.BooleanField(
        default=False, help_text="also write private/<task>/test_labels.* (curators only)"
    )


def _export_view(export, user) -> dict:
    files = [
        {
            **f,
            "url": reverse(
                "annotation-api:export-file", kwargs={"pk": export.pk, "name": f["name"]}
            ),
        }
        for f in export_files_visible(export, user)
    ]
    return {
        "id": export.pk,
        "release": export.release_id,
        "status": export.status,
        "status_label": export.get_status_display(),
        "include_test_labels": export.include_test_labels,
        "rows_total": export.rows_total,
        "rows_done": export.rows_done,
        "percent": export.percent,
        "failure": export.failure,
        "created_at": export.created_at,
        "started_at": export.started_at,
        "finished_at": export.finished_at,
        "files": files,
    }


class ExportApi(APIView):
    permission_classes = [HasRole]
    required_roles = (CURATOR, MODEL_AUTHOR)


class ReleaseExportListApi(ExportApi):
    """A release's exports with their files, newest first (model authors: finished exports of
    published releases, public files only)."""

    @extend_schema(responses=ExportOutputSerializer(many=True))
    def get(self, request, pk: int):
        release = get_object_or_404(Release, pk=pk)
        exports = release_exports_visible(release, request.user)[:50]
        body = [_export_view(e, request.user) for e in exports]
        return Response(ExportOutputSerializer(body, many=True).data)


class ReleaseExportCreateApi(APIView):
    """Start an export of a published release (curators); it runs as a Celery job."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(request=ExportInputSerializer, responses={201: ExportOutputSerializer})
    def post(self, request, pk: int):
        data = ExportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        release = get_object_or_404(Release, pk=pk)
        export = release_export_create(release, user=request.user, **data.validated_data)
        return Response(
            ExportOutputSerializer(_export_view(export, request.user)).data,
            status=status.HTTP_201_CREATED,
        )


class ExportDetailApi(ExportApi):
    """Status, progress and files of one export."""

    @extend_schema(responses=ExportOutputSerializer)
    def get(self, request, pk: int):
        export = release_export_visible(pk, request.user)
        return Response(ExportOutputSerializer(_export_view(export, request.user)).data)


class ExportFileApi(ExportApi):
    """Download one file of an export (streamed)."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk: int, name: str):
        export = release_export_visible(pk, request.user)
        path = export_file_path(export, name, request.user)
        return FileResponse(
            open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
            as_attachment=True,
            filename=export_file_download_name(export, name),
        )


# Mounted inside annotation/api_urls.py (namespace annotation-api).
urlpatterns = [
    path("releases/<int:pk>/exports/", ReleaseExportListApi.as_view(), name="release-exports"),
    path("releases/<int:pk>/exports/new/", ReleaseExportCreateApi.as_view(), name="export-create"),
    path("exports/<int:pk>/", ExportDetailApi.as_view(), name="export-detail"),
    path("exports/<int:pk>/files/<path:name>", ExportFileApi.as_view(), name="export-file"),
]
