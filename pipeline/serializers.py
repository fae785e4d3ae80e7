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
