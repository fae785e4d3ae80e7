from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import CURATOR, HasRole
from pipeline.generation.runs import pipeline_run_cancel, pipeline_run_create
from pipeline.models import CatalogImport, PipelineRun
from pipeline.selectors import pipeline_run_status
from pipeline.serializers import (
    CatalogImportOutputSerializer,
    PipelineRunInputSerializer,
    PipelineRunOutputSerializer,
)


class CatalogImportDetailApi(APIView):
    """Status and progress of a catalogue import job (curators)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(responses=CatalogImportOutputSerializer)
    def get(self, request, pk: int):
        job = get_object_or_404(CatalogImport, pk=pk)
        return Response(CatalogImportOutputSerializer(job).data)


class PipelineRunCreateApi(APIView):
    """Start a pipeline run (curators)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(request=PipelineRunInputSerializer, responses={201: PipelineRunOutputSerializer})
    def post(self, request):
        data = PipelineRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = pipeline_run_create(user=request.user, **data.validated_data)
        return Response(
            PipelineRunOutputSerializer(pipeline_run_status(run)).data,
            status=status.HTTP_201_CREATED,
        )


class PipelineRunDetailApi(APIView):
    """Live progress of a pipeline run (curators)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(responses=PipelineRunOutputSerializer)
    def get(self, request, pk: int):
        run = get_object_or_404(PipelineRun, pk=pk)
        return Response(PipelineRunOutputSerializer(pipeline_run_status(run)).data)


class PipelineRunCancelApi(APIView):
    """Ask a run to stop after the unit it is working on (curators)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(request=None, responses=PipelineRunOutputSerializer)
    def post(self, request, pk: int):
        run = get_object_or_404(PipelineRun, pk=pk)
        pipeline_run_cancel(run)
        run.refresh_from_db()
        return Response(PipelineRunOutputSerializer(pipeline_run_status(run)).data)
