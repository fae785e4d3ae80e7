from rest_framework import serializers


class CatalogImportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    percent = serializers.IntegerField()
    bytes_total = serializers.IntegerField()
    bytes_done = serializers.IntegerField()
    lines_done = serializers.IntegerField()
    summary = serializers.JSONField()
    error_count = serializers.IntegerField()
    errors = serializers.SerializerMethodField()
    failure = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    files = serializers.SerializerMethodField()

    def get_errors(self, job) -> list[str]:
        return job.errors[:50]

    def get_files(self, job) -> list[str]:
        # Names only: the stored paths are the server's business.
        return [f["name"] for f in job.files]


class PipelineRunInputSerializer(serializers.Serializer):
    stages = serializers.ListField(child=serializers.CharField(), min_length=1)
    categories = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    limit = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class PipelineStageOutputSerializer(serializers.Serializer):
    stage = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    percent = serializers.IntegerField()
    rejected = serializers.IntegerField()
    calls = serializers.IntegerField()
    cached_calls = serializers.IntegerField()
    tokens_in = serializers.IntegerField()
    tokens_out = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    seconds = serializers.FloatField(allow_null=True)
    units_per_minute = serializers.FloatField(allow_null=True)
    seconds_left = serializers.IntegerField(allow_null=True)


class PipelineRejectOutputSerializer(serializers.Serializer):
    stage = serializers.CharField()
    subject = serializers.CharField()
    attempt = serializers.IntegerField()
    reason = serializers.CharField()
    detail = serializers.CharField()
    final = serializers.BooleanField()
    at = serializers.DateTimeField()


class PipelineRunOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    stages = PipelineStageOutputSerializer(many=True)
    scope = serializers.JSONField()
    generator_model = serializers.CharField()
    cancel_requested = serializers.BooleanField()
    failure = serializers.CharField()
    recent_rejects = PipelineRejectOutputSerializer(many=True)
    tokens_in = serializers.IntegerField()
    tokens_out = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
