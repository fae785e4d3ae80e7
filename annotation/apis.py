"""The annotation API, used by the annotator pages themselves and by any other client."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import ANNOTATOR, CURATOR, HasRole
from annotation import selectors, services
from annotation.models import Campaign
from annotation.serializers import (
    AssignmentOutputSerializer,
    CampaignProgressOutputSerializer,
    NextOutputSerializer,
    ProgressOutputSerializer,
    SubmitInputSerializer,
)


class AnnotatorApi(APIView):
    permission_classes = [HasRole]
    required_roles = (ANNOTATOR,)


class NextItemApi(AnnotatorApi):
    """Reserve the next item for me (or return the one I hold)."""

    @extend_schema(request=None, responses=NextOutputSerializer)
    def post(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        message = ""
        try:
            assignment = services.item_assign(campaign, request.user)
        except services.AnnotatorBlocked as blocked:
            assignment, message = None, blocked.message
        if assignment is None and not message:
            message = "Nothing left for you in this campaign. Thank you!"
        body = {
            "item": selectors.assignment_view(assignment) if assignment else None,
            "progress": selectors.annotator_progress(campaign, request.user),
            "message": message,
        }
        return Response(NextOutputSerializer(body).data)


class SubmitApi(AnnotatorApi):
    """Answer the item I hold; the same answer again returns the stored judgement."""

    @extend_schema(request=SubmitInputSerializer, responses=AssignmentOutputSerializer)
    def post(self, request, pk: int):
        data = SubmitInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.judgement_submit(pk, request.user, **data.validated_data)
        return Response(AssignmentOutputSerializer(selectors.assignment_view(assignment)).data)


class SkipApi(AnnotatorApi):
    """Give back the item I hold; I will not be given it again."""

    @extend_schema(request=None, responses=AssignmentOutputSerializer)
    def post(self, request, pk: int):
        assignment = services.assignment_skip(pk, request.user)
        return Response(AssignmentOutputSerializer(selectors.assignment_view(assignment)).data)


class UndoApi(AnnotatorApi):
    """Take back my last answer (within the undo window); the item is mine again."""

    @extend_schema(request=None, responses=AssignmentOutputSerializer)
    def post(self, request, pk: int):
        assignment = services.judgement_undo(pk, request.user)
        return Response(AssignmentOutputSerializer(selectors.assignment_view(assignment)).data)


class MyProgressApi(AnnotatorApi):
    """My progress in a campaign."""

    @extend_schema(responses=ProgressOutputSerializer)
    def get(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        return Response(
            ProgressOutputSerializer(selectors.annotator_progress(campaign, request.user)).data
        )


class CampaignProgressApi(APIView):
    """A campaign's progress (curators)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(responses=CampaignProgressOutputSerializer)
    def get(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        return Response(
            CampaignProgressOutputSerializer(selectors.campaign_progress(campaign)).data
        )
