"""The evaluation API (token or session auth): releases and their test inputs, my models,
submissions and their status and scores, leaderboards.

Every endpoint checks the role; submissions are looked up among those the caller may see, so
another author's answer 404. No answer contains a test label.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import CURATOR, MODEL_AUTHOR, HasRole, user_has_role
from evaluation import selectors, services
from evaluation.exports import FORMATS, inputs_download_response
from evaluation.models import EvaluatedModel, Score
from evaluation.serializers import (
    LeaderboardOutputSerializer,
    ModelInputSerializer,
    ModelOutputSerializer,
    ReleaseOutputSerializer,
    ScoreOutputSerializer,
    SubmissionCreatedSerializer,
    SubmissionInputSerializer,
    SubmissionOutputSerializer,
)

TAGS = ["evaluation"]


class AuthorOrCuratorApi(APIView):
    permission_classes = [HasRole]
    required_roles = (MODEL_AUTHOR, CURATOR)


class AuthorApi(APIView):
    permission_classes = [HasRole]
    required_roles = (MODEL_AUTHOR,)


def _release(pk: int):
    return get_object_or_404(selectors.published_releases(), pk=pk)


class ReleaseListApi(AuthorOrCuratorApi):
    """Published releases, with the size of their test split and your quota."""

    @extend_schema(tags=TAGS, responses=ReleaseOutputSerializer(many=True))
    def get(self, request):
        is_author = user_has_role(request.user, MODEL_AUTHOR)
        body = [
            {
                "id": release.pk,
                "name": release.name,
                "version": release.version,
                "licence": release.licence,
                "published_at": release.published_at,
                "test_items": selectors.release_test_counts(release),
                "phase_closed": selectors.phase_closed(release),
                "quota": services.quota_status(request.user, release) if is_author else None,
                "test_inputs_url": reverse("evaluation-api:test-inputs", args=[release.pk]),
                "leaderboard_url": reverse("evaluation-api:leaderboard", args=[release.pk]),
            }
            for release in selectors.published_releases()
        ]
        return Response(ReleaseOutputSerializer(body, many=True).data)


class ReleaseTestInputsApi(AuthorOrCuratorApi):
    """The test split's inputs (id, task, category, inputs), streamed; no labels."""

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("fmt", str, enum=list(FORMATS), description="jsonl (default) or csv")
        ],
        responses={(200, "application/x-ndjson"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        fmt = request.query_params.get("fmt", "jsonl")
        if fmt not in FORMATS:
            raise NotFound(f"unknown fmt {fmt!r}; use jsonl or csv")
        return inputs_download_response(_release(pk), fmt)


def _model_view(model: EvaluatedModel) -> dict:
    return {
        field: getattr(model, field)
        for field in ModelOutputSerializer().fields  # the same names as the model's fields
    }


class ModelListCreateApi(AuthorApi):
    """My models; POST creates one."""

    @extend_schema(tags=TAGS, responses=ModelOutputSerializer(many=True))
    def get(self, request):
        models = EvaluatedModel.objects.filter(owner=request.user)
        return Response(ModelOutputSerializer([_model_view(m) for m in models], many=True).data)

    @extend_schema(tags=TAGS, request=ModelInputSerializer, responses={201: ModelOutputSerializer})
    def post(self, request):
        data = ModelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        model = services.model_create(owner=request.user, **data.validated_data)
        return Response(
            ModelOutputSerializer(_model_view(model)).data, status=status.HTTP_201_CREATED
        )


class SubmissionListCreateApi(AuthorApi):
    """My submissions; POST (multipart) submits predictions for scoring."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(tags=TAGS, responses=SubmissionOutputSerializer(many=True))
    def get(self, request):
        submissions = selectors.submissions_visible_to(request.user).filter(owner=request.user)
        body = [
            selectors.submission_status(s, request.user)
            for s in submissions.prefetch_related("scores")[:200]
        ]
        return Response(SubmissionOutputSerializer(body, many=True).data)

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": SubmissionInputSerializer},
        responses={
            201: SubmissionCreatedSerializer,
            400: OpenApiResponse(description="Bad request (which field, why)."),
            429: OpenApiResponse(
                description="Daily quota used up; `resets_at` says when it resets."
            ),
        },
    )
    def post(self, request):
        data = SubmissionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        model = EvaluatedModel.objects.filter(pk=values["model"], owner=request.user).first()
        if model is None:
            raise NotFound("model: no such model among yours")
        release = _release(values["release"])
        if values.get("file"):
            files = [(values["file"].name, values["file"], None)]
        else:
            files = [
                (values[f"file_{task}"].name, values[f"file_{task}"], task)
                for task in ("t1", "t2", "t3")
                if values.get(f"file_{task}")
            ]
        submission = services.submission_create(
            owner=request.user,
            model=model,
            release=release,
            files=files,
            note=values.get("note", ""),
        )
        submission.refresh_from_db()
        body = selectors.submission_status(submission, request.user)
        body["quota"] = services.quota_status(request.user, release)
        return Response(SubmissionCreatedSerializer(body).data, status=status.HTTP_201_CREATED)


def _visible_submission(request, pk: int):
    return get_object_or_404(
        selectors.submissions_visible_to(request.user).prefetch_related("scores"), pk=pk
    )


class SubmissionDetailApi(AuthorOrCuratorApi):
    """A submission's status (submitted, validating, scoring, finished, invalid, failed),
    its validation report and, once finished, its scores. Poll it."""

    @extend_schema(tags=TAGS, responses=SubmissionOutputSerializer)
    def get(self, request, pk: int):
        submission = _visible_submission(request, pk)
        return Response(
            SubmissionOutputSerializer(selectors.submission_status(submission, request.user)).data
        )


class SubmissionScoresApi(AuthorOrCuratorApi):
    """A finished submission's scores per task and part: accuracy, macro-F1 and AUC with 95%
    bootstrap intervals, the category breakdown and the paired comparison with the leader.
    Only the public part until a curator closes the phase."""

    @extend_schema(tags=TAGS, responses=ScoreOutputSerializer(many=True))
    def get(self, request, pk: int):
        submission = _visible_submission(request, pk)
        return Response(
            ScoreOutputSerializer(
                selectors.submission_scores(submission, request.user), many=True
            ).data
        )


class LeaderboardApi(AuthorOrCuratorApi):
    """A release's leaderboard: one row per model's chosen submission, in rank bands, and
    the paper's reference rows apart (not ranked)."""

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter(
                "part",
                str,
                enum=[p.value for p in Score.Part],
                description="public (default); private and all once the phase is closed",
            )
        ],
        responses=LeaderboardOutputSerializer,
    )
    def get(self, request, pk: int):
        release = _release(pk)
        part = request.query_params.get("part", Score.Part.PUBLIC)
        if part not in Score.Part.values:
            raise NotFound(f"unknown part {part!r}")
        try:
            body = selectors.leaderboard_view(release, part)
        except PermissionError as refused:
            raise PermissionDenied(
                "The private part is revealed when a curator closes the phase."
            ) from refused
        return Response(LeaderboardOutputSerializer(body).data)
