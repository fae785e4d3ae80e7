from rest_framework import serializers


class AssignmentOutputSerializer(serializers.Serializer):
    """One item as the annotator sees it: no origin, score, control flag or others' labels."""

    assignment = serializers.IntegerField()
    item = serializers.CharField()
    task = serializers.CharField()
    status = serializers.CharField()
    payload = serializers.JSONField()
    expires_at = serializers.DateTimeField(allow_null=True)
    label = serializers.IntegerField(allow_null=True)


class ProgressOutputSerializer(serializers.Serializer):
    done_today = serializers.IntegerField()
    done_in_campaign = serializers.IntegerField()
    qualification = serializers.CharField()
    qualifying = serializers.BooleanField()
    qualification_items = serializers.IntegerField()
    paused = serializers.BooleanField()
    paused_reason = serializers.CharField()
    last_assignment = serializers.IntegerField(allow_null=True)
    undo_until = serializers.DateTimeField(allow_null=True)
    campaign_items_complete = serializers.IntegerField()
    campaign_items = serializers.IntegerField()


class NextOutputSerializer(serializers.Serializer):
    item = AssignmentOutputSerializer(allow_null=True)
    progress = ProgressOutputSerializer()
    message = serializers.CharField(allow_blank=True)


class SubmitInputSerializer(serializers.Serializer):
    label = serializers.ChoiceField(choices=[0, 1])
    seconds = serializers.FloatField(min_value=0, max_value=86400, required=False, allow_null=True)


class CampaignProgressOutputSerializer(serializers.Serializer):
    items = serializers.IntegerField()
    complete = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    untouched = serializers.IntegerField()
    judgements = serializers.IntegerField()
    control_judgements = serializers.IntegerField()
    live_reservations = serializers.IntegerField()
    votes_asked = serializers.IntegerField()
