from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import CURATOR, HasRole
from pipeline.models import CatalogImport
from pipeline.serializers import CatalogImportOutputSerializer


class CatalogImportDetailApi(APIView):
    """Status and progress of a catalogue import job (curators)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(responses=CatalogImportOutputSerializer)
    def get(self, request, pk: int):
        job = get_object_or_404(CatalogImport, pk=pk)
        return Response(CatalogImportOutputSerializer(job).data)
