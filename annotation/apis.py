"""The annotation API, used by the annotator pages themselves and by any other client.

The annotator endpoints are the hot path of a campaign (bench/annotation_load.py: 32 annotators
at once), so they are kept light: token authentication reads the user and their roles in one
query, and answers are built as plain data by the selectors (the output serializers below
describe them for the OpenAPI schema; tests check that the two agree). A submit or skip with
``"next": true`` also returns the next item, so a client needs one request per item.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import ANNOTATOR, CURATOR, HasRole
from annotation import selectors, services
from annotation.authentication import FastTokenAuthentication
from annotation.models import Campaign
from annotation.serializers import (
    AssignmentOutputSerializer,
    CampaignProgressOutputSerializer,
    NextOutputSerializer,
    ProgressOutputSerializer,
    SubmitInputSerializer,
)


class SubmitNextInputSerializer(SubmitInputSerializer):
    next = serializers.BooleanField(
        required=False, default=False, help_text="Also reserve and return my next item."
    )


class SkipInputSerializer(serializers.Serializer):
    next = serializers.BooleanField(
        required=False, default=False, help_text="Also reserve and return my next item."
    )


class AssignmentNextOutputSerializer(AssignmentOutputSerializer):
    next = NextOutputSerializer(
        required=False, help_text='My next item, when the request asked for it ("next": true).'
    )


class AnnotatorApi(APIView):
    # The project's order (session, then token): the first class decides how a request
    # without credentials is answered (403, as on every other endpoint).
    authentication_classes = [SessionAuthentication, FastTokenAuthentication]
    permission_classes = [HasRole]
    required_roles = (ANNOTATOR,)


def _iso(value):
    """A datetime as DRF's DateTimeField writes it (ISO 8601, UTC as Z)."""
    if value is None:
        return None
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _assignment_body(assignment) -> dict:
    body = selectors.assignment_view(assignment)
    body["expires_at"] = _iso(body["expires_at"])
    return body


def _progress_body(progress: dict) -> dict:
    progress["undo_until"] = _iso(progress["undo_until"])
    return progress


def _next_body(campaign_id: int, user, after=None) -> dict:
    """What the next-item endpoint answers: my next item (None when there is none, with the
    reason in ``message``) and my progress. ``after``: the judgement just given, if any."""
    try:
        found = services.item_next(campaign_id, user, after=after)
    except services.AnnotatorBlocked as blocked:
        campaign = get_object_or_404(Campaign, pk=campaign_id)
        progress = selectors.annotator_progress(campaign, user)
        assignment, message = None, blocked.message
    else:
        progress = selectors.annotator_progress_of(found.campaign, found.member)
        assignment, message = found.assignment, ""
    if assignment is None and not message:
        message = "Nothing left for you in this campaign. Thank you!"
    return {
        "item": _assignment_body(assignment) if assignment else None,
        "progress": _progress_body(progress),
        "message": message,
    }


class NextItemApi(AnnotatorApi):
    """Reserve the next item for me (or return the one I hold)."""

    @extend_schema(request=None, responses=NextOutputSerializer)
    def post(self, request, pk: int):
        return Response(_next_body(pk, request.user))


class SubmitApi(AnnotatorApi):
    """Answer the item I hold; the same answer again returns the stored judgement (and, with
    ``"next": true``, the same next item: the one I then hold)."""

    @extend_schema(request=SubmitNextInputSerializer, responses=AssignmentNextOutputSerializer)
    def post(self, request, pk: int):
        data = SubmitNextInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = dict(data.validated_data)
        then = answer.pop("next")
        assignment = services.judgement_submit(pk, request.user, **answer)
        body = _assignment_body(assignment)
        if then:
            body["next"] = _next_body(assignment.campaign_id, request.user, after=assignment)
        return Response(body)


class SkipApi(AnnotatorApi):
    """Give back the item I hold; I will not be given it again."""

    @extend_schema(request=SkipInputSerializer, responses=AssignmentNextOutputSerializer)
    def post(self, request, pk: int):
        data = SkipInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = services.assignment_skip(pk, request.user)
        body = _assignment_body(assignment)
        if data.validated_data["next"]:
            body["next"] = _next_body(assignment.campaign_id, request.user)
        return Response(body)


class UndoApi(AnnotatorApi):
    """Take back my last answer (within the undo window); the item is mine again."""

    @extend_schema(request=None, responses=AssignmentOutputSerializer)
    def post(self, request, pk: int):
        assignment = services.judgement_undo(pk, request.user)
        return Response(_assignment_body(assignment))


class MyProgressApi(AnnotatorApi):
    """My progress in a campaign."""

    @extend_schema(responses=ProgressOutputSerializer)
    def get(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        return Response(_progress_body(selectors.annotator_progress(campaign, request.user)))


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
