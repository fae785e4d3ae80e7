"""Models authors submit, their prediction files, the scores, and the leaderboard phase.

A score always names the release version and the scorer version that produced it. The
private part of a release's test split stays out of every public view until a curator closes
the leaderboard phase.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from annotation.models import Release
from pipeline.models import Task


class EvaluatedModel(models.Model):
    class Setting(models.TextChoices):
        ZERO_SHOT = "zero-shot", "Zero-shot"
        FEW_SHOT = "few-shot", "Few-shot"
        FINE_TUNED = "fine-tuned", "Fine-tuned"
        OTHER = "other", "Other"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluated_models"
    )
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    parameters = models.BigIntegerField(null=True, blank=True, help_text="Parameter count.")
    open_weights = models.BooleanField(default=False)
    setting = models.CharField(max_length=12, choices=Setting.choices, default=Setting.ZERO_SHOT)
    paper_url = models.URLField(blank=True)
    code_url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    # Built-in reference systems (random, majority, embedding, LLM judge).
    is_baseline = models.BooleanField(default=False)
    # A curator checked the system's description and submission.
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="evaluatedmodel_unique_name"),
            models.CheckConstraint(
                condition=Q(parameters__isnull=True) | Q(parameters__gte=0),
                name="evaluatedmodel_parameters_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        VALIDATING = "validating", "Validating"
        SCORING = "scoring", "Scoring"
        FINISHED = "finished", "Finished"
        INVALID = "invalid", "Invalid file"
        FAILED = "failed", "Failed"

    DONE = (Status.FINISHED, Status.INVALID, Status.FAILED)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions"
    )
    model = models.ForeignKey(EvaluatedModel, on_delete=models.PROTECT, related_name="submissions")
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # [{"name": original name, "path": stored path, "task": "t1"|""|..., "bytes": n}]
    files = models.JSONField(default=list)
    # The validation report (problems with line numbers, counts); never mentions gold labels.
    report = models.JSONField(default=dict)
    # Parsed predictions in the release's test order, kept for paired comparisons.
    predictions_path = models.CharField(max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True)
    # The submission the leaderboard shows for its model on this release.
    chosen = models.BooleanField(default=False)
    failure = models.TextField(blank=True)
    release_version = models.CharField(max_length=40, blank=True)
    scorer_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "release", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "release"],
                condition=Q(chosen=True),
                name="submission_one_chosen_per_model_release",
            ),
            models.CheckConstraint(
                condition=Q(chosen=False) | Q(status="finished"),
                name="submission_chosen_is_finished",
            ),
        ]

    def __str__(self) -> str:
        return f"submission {self.pk} of {self.model} ({self.status})"

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE


class Score(models.Model):
    """A submission's score on one task and one part of the test split."""

    class Part(models.TextChoices):
        PUBLIC = "public", "Public part"
        PRIVATE = "private", "Private part"
        ALL = "all", "Whole test split"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    task = models.CharField(max_length=4, choices=Task.choices)
    part = models.CharField(max_length=8, choices=Part.choices)
    n = models.PositiveIntegerField()
    accuracy = models.FloatField()
    accuracy_low = models.FloatField(null=True)
    accuracy_high = models.FloatField(null=True)
    macro_f1 = models.FloatField(null=True)
    auc = models.FloatField(null=True)
    # The whole metrics.TaskScore (intervals, categories, comparison with the leader).
    details = models.JSONField()
    release_version = models.CharField(max_length=40)
    scorer_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission_id", "task", "part"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "task", "part"], name="score_unique"),
            models.CheckConstraint(
                condition=Q(accuracy__gte=0, accuracy__lte=1), name="score_accuracy_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.task}/{self.part}: {self.accuracy:.4f}"


class LeaderboardPhase(models.Model):
    """Whether a release's private test part has been revealed (phase closed)."""

    release = models.OneToOneField(Release, on_delete=models.CASCADE, related_name="phase")
    closed = models.BooleanField(default=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.release} phase ({'closed' if self.closed else 'open'})"
