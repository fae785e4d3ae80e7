"""Small input and output serializers of the evaluation API. Inputs are only parsed here;
objects are made by evaluation.services."""

from rest_framework import serializers

from evaluation.models import EvaluatedModel


class QuotaOutputSerializer(serializers.Serializer):
    limit = serializers.IntegerField()
    used = serializers.IntegerField(help_text="Valid (or not yet checked) submissions today.")
    resets_at = serializers.DateTimeField(help_text="When the daily count starts again (UTC).")


class ReleaseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.CharField()
    licence = serializers.CharField()
    published_at = serializers.DateTimeField()
    test_items = serializers.DictField(
        child=serializers.IntegerField(), help_text="Test items per task."
    )
    phase_closed = serializers.BooleanField()
    quota = QuotaOutputSerializer(allow_null=True, help_text="Yours, for model authors.")
    test_inputs_url = serializers.CharField()
    leaderboard_url = serializers.CharField()


class ModelInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    parameters = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    open_weights = serializers.BooleanField(required=False, default=False)
    setting = serializers.ChoiceField(
        choices=EvaluatedModel.Setting.choices, required=False, default="zero-shot"
    )
    paper_url = serializers.URLField(required=False, allow_blank=True)
    code_url = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class ModelOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organisation = serializers.CharField()
    parameters = serializers.IntegerField(allow_null=True)
    open_weights = serializers.BooleanField()
    setting = serializers.CharField()
    paper_url = serializers.CharField()
    code_url = serializers.CharField()
    description = serializers.CharField()
    is_baseline = serializers.BooleanField()
    verified = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class SubmissionInputSerializer(serializers.Serializer):
    model = serializers.IntegerField(help_text="One of your models (id).")
    release = serializers.IntegerField(help_text="A published release (id).")
    file = serializers.FileField(
        required=False, help_text="One CSV / JSON Lines file with a task column."
    )
    file_t1 = serializers.FileField(required=False, help_text="T1 predictions: id,label[,score].")
    file_t2 = serializers.FileField(required=False)
    file_t3 = serializers.FileField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate(self, data):
        per_task = [data.get(f"file_{task}") for task in ("t1", "t2", "t3")]
        if not data.get("file") and not any(per_task):
            raise serializers.ValidationError(
                "Upload `file` (with a task column) or `file_t1` / `file_t2` / `file_t3`."
            )
        if data.get("file") and any(per_task):
            raise serializers.ValidationError("Give either `file` or per-task files, not both.")
        return data


class EstimateSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    reason = serializers.CharField(allow_null=True)


class ScoreOutputSerializer(serializers.Serializer):
    task = serializers.CharField()
    part = serializers.CharField(help_text="public; private and all once the phase closed.")
    n = serializers.IntegerField()
    accuracy = EstimateSerializer()
    macro_f1 = EstimateSerializer()
    auc = EstimateSerializer()
    by_category = serializers.ListField(child=serializers.DictField())
    vs_leader = serializers.DictField(allow_null=True)
    resamples = serializers.IntegerField()
    confidence = serializers.FloatField()
    release_version = serializers.CharField()
    scorer_version = serializers.CharField()


class SubmissionFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    task = serializers.CharField()
    bytes = serializers.IntegerField(allow_null=True)


class ReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField(allow_null=True)
    problems = serializers.ListField(child=serializers.CharField())
    counts = serializers.DictField(child=serializers.IntegerField())
    missing = serializers.DictField()
    text = serializers.CharField()


class SubmissionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(
        help_text="submitted, validating, scoring, finished, invalid or failed."
    )
    status_label = serializers.CharField()
    done = serializers.BooleanField()
    model = serializers.CharField()
    model_id = serializers.IntegerField()
    release = serializers.CharField()
    release_id = serializers.IntegerField()
    chosen = serializers.BooleanField(help_text="Shown on the leaderboard.")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    files = SubmissionFileSerializer(many=True)
    report = ReportSerializer(allow_null=True, help_text="The validation report.")
    failure = serializers.CharField()
    release_version = serializers.CharField()
    scorer_version = serializers.CharField()
    scores = ScoreOutputSerializer(many=True)


class SubmissionCreatedSerializer(SubmissionOutputSerializer):
    quota = QuotaOutputSerializer()


class LeaderboardTaskSerializer(serializers.Serializer):
    accuracy = serializers.FloatField()
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    n = serializers.IntegerField()


class LeaderboardModelSerializer(serializers.Serializer):
    name = serializers.CharField()
    organisation = serializers.CharField()
    parameters = serializers.IntegerField(allow_null=True)
    open_weights = serializers.BooleanField()
    setting = serializers.CharField()
    paper_url = serializers.CharField()
    code_url = serializers.CharField()


class LeaderboardRowSerializer(serializers.Serializer):
    band = serializers.IntegerField(allow_null=True, help_text="Rank band; null: unranked.")
    ranked = serializers.BooleanField()
    rank_note = serializers.CharField()
    model = LeaderboardModelSerializer()
    badges = serializers.ListField(child=serializers.CharField())
    tasks = serializers.DictField(child=LeaderboardTaskSerializer(allow_null=True))
    mean_accuracy = serializers.FloatField(allow_null=True)
    submitted_at = serializers.DateTimeField()
    release_version = serializers.CharField()
    scorer_version = serializers.CharField()


class ReferenceRowSerializer(serializers.Serializer):
    system = serializers.CharField()
    t1 = serializers.FloatField()
    t2 = serializers.FloatField()
    t3 = serializers.FloatField()
    mean = serializers.FloatField()


class ReferenceSerializer(serializers.Serializer):
    note = serializers.CharField()
    rows = ReferenceRowSerializer(many=True)


class LeaderboardReleaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.CharField()


class LeaderboardOutputSerializer(serializers.Serializer):
    release = LeaderboardReleaseSerializer()
    part = serializers.CharField()
    phase_closed = serializers.BooleanField()
    rows = LeaderboardRowSerializer(many=True)
    reference = ReferenceSerializer(help_text="Reported on the paper's own test set, not ranked.")
