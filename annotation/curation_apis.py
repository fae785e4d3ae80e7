"""Curation API: a campaign's agreement report (curators), and releases (curators see every
release; model authors only published ones, which never change)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import CURATOR, MODEL_AUTHOR, HasRole, user_has_role
from annotation.curation import selectors
from annotation.curation.gold import campaign_stats
from annotation.models import Campaign, CampaignStats


class CampaignAgreementOutputSerializer(serializers.Serializer):
    campaign = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True)
    report = serializers.JSONField(
        help_text="annotation.agreement's report: agreement (with intervals; a value that is "
        "not defined is null with its reason), annotators, items, labels, dawid_skene, groups."
    )


class CuratedReleaseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.CharField()
    status = serializers.CharField()
    notes = serializers.CharField()
    licence = serializers.CharField()
    items = serializers.IntegerField(source="n_items")
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)


class CuratedReleaseDetailOutputSerializer(CuratedReleaseOutputSerializer):
    seed = serializers.IntegerField()
    sizes = serializers.JSONField()
    public_share = serializers.FloatField()
    campaigns = serializers.SerializerMethodField()
    stats = serializers.JSONField(
        help_text="items, by_task (items and positive labels per task and split, test also "
        "by public / private part), left_out (counts and why), objectives, agreement."
    )
    provenance = serializers.JSONField()

    def get_campaigns(self, release) -> list[int]:
        return sorted(release.campaigns.values_list("pk", flat=True))


class CampaignAgreementApi(APIView):
    """A campaign's agreement statistics, per-annotator quality and gold labels (cached; they
    are recomputed only when judgements changed)."""

    permission_classes = [HasRole]
    required_roles = (CURATOR,)

    @extend_schema(responses=CampaignAgreementOutputSerializer)
    def get(self, request, pk: int):
        campaign = get_object_or_404(Campaign, pk=pk)
        report = campaign_stats(campaign)
        computed = CampaignStats.objects.filter(campaign=campaign).first()
        body = {
            "campaign": campaign.pk,
            "computed_at": computed.computed_at if computed else None,
            "report": report,
        }
        return Response(CampaignAgreementOutputSerializer(body).data)


class ReleaseApi(APIView):
    permission_classes = [HasRole]
    required_roles = (CURATOR, MODEL_AUTHOR)


class ReleaseListApi(ReleaseApi):
    """Releases, newest first (model authors: published ones only)."""

    @extend_schema(responses=CuratedReleaseOutputSerializer(many=True))
    def get(self, request):
        releases = selectors.release_list_visible(request.user)
        return Response(CuratedReleaseOutputSerializer(releases, many=True).data)


class ReleaseDetailApi(ReleaseApi):
    """One release's statistics and provenance (model authors: published ones only)."""

    @extend_schema(responses=CuratedReleaseDetailOutputSerializer)
    def get(self, request, pk: int):
        release = selectors.release_list_visible(request.user).filter(pk=pk).first()
        if release is None:
            # A draft is invisible to model authors: the same answer as no release at all.
            raise Http404("No such release.")
        data = CuratedReleaseDetailOutputSerializer(release).data
        if not user_has_role(request.user, CURATOR):
            data["stats"] = selectors.release_stats_public(data["stats"])
        return Response(data)


# Mounted inside annotation/api_urls.py (namespace annotation-api).
urlpatterns = [
    path(
        "campaigns/<int:pk>/agreement/",
        CampaignAgreementApi.as_view(),
        name="campaign-agreement",
    ),
    path("releases/", ReleaseListApi.as_view(), name="release-list"),
    path("releases/<int:pk>/", ReleaseDetailApi.as_view(), name="release-detail"),
]
