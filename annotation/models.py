"""Campaigns, the items they hand out, and the judgements annotators give.

The invariants are database constraints, so a bug in a service cannot break them:

- an annotator judges an item at most once, and is never handed it again after a skip:
  one Assignment per (item, annotator);
- a judgement lives on the annotator's own reservation (an Assignment row), so there is no
  judgement without that annotator's reservation;
- an item never has more live reservations plus judgements than its campaign asks for:
  ``CampaignItem.taken`` (kept in the same transaction as every reservation) is checked
  against ``votes_target`` by the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from pipeline.models import Item, ItemSet, Task


class Campaign(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "Open"
        PAUSED = "paused", "Paused"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    item_set = models.ForeignKey(ItemSet, on_delete=models.PROTECT, related_name="campaigns")
    task = models.CharField(max_length=4, choices=Task.choices)
    # Votes per item: 5 in the paper. With dynamic overlap an item first asks for
    # initial_votes and only goes up to votes_per_item when those votes disagree.
    votes_per_item = models.PositiveSmallIntegerField(default=5)
    initial_votes = models.PositiveSmallIntegerField(null=True, blank=True)
    reservation_minutes = models.PositiveIntegerField(default=30)
    guideline = models.TextField(blank=True, help_text="Markdown.")
    guideline_version = models.PositiveIntegerField(default=1)
    # Quality control.
    control_share = models.FloatField(default=0.1)
    qualification_items = models.PositiveSmallIntegerField(default=4)
    qualification_pass = models.FloatField(default=0.75)
    pause_below = models.FloatField(default=0.6)
    pause_min_controls = models.PositiveSmallIntegerField(default=5)
    min_seconds = models.FloatField(default=2.0)
    # Staged campaigns (T3 from settled-positive T1 scripts).
    source_campaign = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="staged"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_per_item__gte=1, votes_per_item__lte=50), name="campaign_k_range"
            ),
            models.CheckConstraint(
                condition=Q(initial_votes__isnull=True)
                | Q(initial_votes__gte=1, initial_votes__lte=F("votes_per_item")),
                name="campaign_initial_votes_le_k",
            ),
            models.CheckConstraint(
                condition=Q(control_share__gte=0, control_share__lt=1),
                name="campaign_control_share_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def start_votes(self) -> int:
        return self.initial_votes or self.votes_per_item


class GuidelineVersion(models.Model):
    """Every guideline text a campaign has had; judgements record the version they saw."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="guidelines")
    version = models.PositiveIntegerField()
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["campaign_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "version"], name="guideline_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} guidelines v{self.version}"


class CampaignItem(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="campaign_items")
    position = models.PositiveIntegerField()
    # Control items have a known answer; every annotator may see each one once, so they are
    # outside the per-item vote count.
    is_control = models.BooleanField(default=False)
    control_answer = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_target = models.PositiveSmallIntegerField()
    # Live reservations + judgements (real items). Checked against votes_target below.
    taken = models.PositiveSmallIntegerField(default=0)
    judged = models.PositiveSmallIntegerField(default=0)
    # taken >= votes_target, kept with taken so the next-item query reads a partial index.
    full = models.BooleanField(default=False)

    class Meta:
        ordering = ["campaign_id", "position"]
        indexes = [
            # The next-item pick: open items, oldest first. Neither ``judged`` nor ``taken`` is
            # in it (and ``full`` changes once per item), so a reservation or a judgement
            # updates the row in place (a HOT update, see migration 0006) instead of adding
            # an entry to every index of the table, which left dead entries for the pick to
            # walk past.
            models.Index(
                fields=["campaign", "is_control", "position"],
                name="campaignitem_open_by_position",
                condition=Q(full=False),
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "item"], name="campaignitem_unique_item"),
            models.CheckConstraint(
                condition=Q(is_control=True) | Q(taken__lte=F("votes_target")),
                name="campaignitem_never_over_assigned",
            ),
            models.CheckConstraint(
                condition=Q(judged__lte=F("taken")) | Q(is_control=True),
                name="campaignitem_judged_le_taken",
            ),
            models.CheckConstraint(
                condition=Q(is_control=False) | Q(control_answer__in=[0, 1]),
                name="campaignitem_control_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.item_id} ({self.judged}/{self.votes_target})"


class Assignment(models.Model):
    """One annotator's reservation of one item; once answered, it holds the judgement."""

    class Status(models.TextChoices):
        RESERVED = "reserved", "Reserved"
        SUBMITTED = "submitted", "Judged"
        SKIPPED = "skipped", "Skipped"
        EXPIRED = "expired", "Expired"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    item = models.ForeignKey(CampaignItem, on_delete=models.CASCADE, related_name="assignments")
    annotator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    # Judgements imported from another platform carry that platform's worker id instead.
    external_annotator = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RESERVED)
    is_control = models.BooleanField(default=False)
    label = models.PositiveSmallIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    too_fast = models.BooleanField(default=False)
    guideline_version = models.PositiveIntegerField(null=True, blank=True)
    reserved_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reserved_at"]
        indexes = [
            models.Index(fields=["campaign", "annotator", "status"]),
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["campaign", "submitted_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "annotator"],
                condition=Q(annotator__isnull=False),
                name="assignment_one_per_item_annotator",
            ),
            models.UniqueConstraint(
                fields=["item", "external_annotator"],
                condition=~Q(external_annotator=""),
                name="assignment_one_per_item_external",
            ),
            models.CheckConstraint(
                condition=Q(annotator__isnull=False) | ~Q(external_annotator=""),
                name="assignment_has_annotator",
            ),
            # A judgement is exactly a submitted assignment with a 0/1 label.
            models.CheckConstraint(
                condition=(
                    Q(status="submitted") & Q(label__in=[0, 1]) & Q(submitted_at__isnull=False)
                )
                | (~Q(status="submitted") & Q(label__isnull=True)),
                name="assignment_label_iff_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} by {self.annotator_id or self.external_annotator}: {self.status}"


class CampaignAnnotator(models.Model):
    """An annotator's standing in a campaign: qualification, control accuracy, pause."""

    class Qualification(models.TextChoices):
        PENDING = "pending", "Qualifying"
        PASSED = "passed", "Qualified"
        FAILED = "failed", "Did not qualify"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="annotators")
    annotator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_memberships"
    )
    qualification = models.CharField(
        max_length=10, choices=Qualification.choices, default=Qualification.PENDING
    )
    judged = models.PositiveIntegerField(default=0)
    controls_seen = models.PositiveIntegerField(default=0)
    controls_correct = models.PositiveIntegerField(default=0)
    too_fast = models.PositiveIntegerField(default=0)
    paused = models.BooleanField(default=False)
    paused_reason = models.TextField(blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    # The annotator's progress, kept with every judgement and undo so that a next-item answer
    # reads it from this row instead of counting the annotator's judgements each time:
    # judgements on ``judged_day`` (the site's local date), and the latest judgement (what
    # "u" takes back).
    judged_today = models.PositiveIntegerField(default=0)
    judged_day = models.DateField(null=True, blank=True)
    # No index: nothing looks members up by it, and an unindexed row updates in place (HOT).
    last_judgement = models.ForeignKey(
        "Assignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "annotator"], name="campaignannotator_unique"
            ),
            models.CheckConstraint(
                condition=Q(controls_correct__lte=F("controls_seen")),
                name="campaignannotator_correct_le_seen",
            ),
            models.CheckConstraint(
                condition=Q(judged_today__lte=F("judged")),
                name="campaignannotator_today_le_judged",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.annotator_id} in {self.campaign_id}"

    @property
    def control_accuracy(self) -> float | None:
        return self.controls_correct / self.controls_seen if self.controls_seen else None

    @property
    def done_today(self) -> int:
        return self.judged_today if self.judged_day == timezone.localdate() else 0


class Adjudication(models.Model):
    """A curator's decision on a flagged item (a tie, a 3-2 split, Dawid-Skene disagreeing with
    the majority, a low posterior). It is the item's gold label from then on."""

    item = models.OneToOneField(CampaignItem, on_delete=models.CASCADE, related_name="adjudication")
    label = models.PositiveSmallIntegerField()
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(label__in=[0, 1]), name="adjudication_label_binary"),
            models.CheckConstraint(condition=~Q(reason=""), name="adjudication_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} -> {self.label}"


class CampaignStats(models.Model):
    """Agreement statistics of a campaign, computed when its judgements changed, not on every
    page view. ``stamp`` says which judgements they were computed from."""

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="stats")
    stamp = models.CharField(max_length=100)
    report = models.JSONField()
    seconds = models.FloatField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"stats of {self.campaign_id} ({self.stamp})"


class Release(models.Model):
    """A versioned benchmark release: settled gold labels of chosen campaigns, split into
    train / dev / test (test in a public and a private part). Once published, the database
    refuses any change to it or its items (triggers in migration 0003)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    name = models.CharField(max_length=100)
    version = models.CharField(max_length=40)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    campaigns = models.ManyToManyField(Campaign, related_name="releases")
    seed = models.BigIntegerField(default=0)
    # {"train": 0.7, "dev": 0.1, "test": 0.2}; public share of the test split.
    sizes = models.JSONField(default=dict)
    public_share = models.FloatField(default=0.5)
    # Counts per task / split / label, agreement per campaign, what was left out and why.
    stats = models.JSONField(default=dict)
    # Guideline versions, campaigns, votes per item, code versions behind the labels.
    provenance = models.JSONField(default=dict)
    licence = models.CharField(max_length=100, default="CC-BY-4.0")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="release_unique_version"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="release_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReleaseItem(models.Model):
    class Split(models.TextChoices):
        TRAIN = "train", "Train"
        DEV = "dev", "Dev"
        TEST = "test", "Test"

    class TestPart(models.TextChoices):
        NONE = "", "-"
        PUBLIC = "public", "Public"
        PRIVATE = "private", "Private"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="items")
    uid = models.CharField(max_length=24)
    task = models.CharField(max_length=4, choices=Task.choices)
    split = models.CharField(max_length=5, choices=Split.choices)
    test_part = models.CharField(max_length=7, choices=TestPart.choices, blank=True, default="")
    label = models.PositiveSmallIntegerField()
    votes = models.PositiveSmallIntegerField()
    positive_votes = models.PositiveSmallIntegerField()
    ds_posterior = models.FloatField(null=True, blank=True)
    adjudicated = models.BooleanField(default=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    guideline_versions = models.JSONField(default=list)
    category = models.CharField(max_length=120)
    # The grouping key of the splits: no objective (so no script) is in two splits.
    objective_id = models.BigIntegerField()
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    inputs = models.JSONField()

    class Meta:
        ordering = ["release_id", "task", "split", "uid"]
        # One task and split in uid order (releases.py writes the rows in this order too).
        indexes = [
            models.Index(
                fields=["release", "task", "split", "uid"], name="releaseitem_export_order"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["release", "uid"], name="releaseitem_unique_uid"),
            models.CheckConstraint(condition=Q(label__in=[0, 1]), name="releaseitem_label_binary"),
            models.CheckConstraint(
                condition=(Q(split="test") & Q(test_part__in=["public", "private"]))
                | (~Q(split="test") & Q(test_part="")),
                name="releaseitem_test_part_iff_test",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.release_id}:{self.uid} {self.split}"


class ReleaseTable(models.Model):
    """One task and split of a release as its export files hold it, decided when the release
    is built (annotation/curation/rendering.py): the input columns, from every row, and the
    counts the dataset card gives. Its rows' text is in ReleaseBlock. Frozen with the
    release, like its items (migration 0008)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="tables")
    task = models.CharField(max_length=4, choices=Task.choices)
    split = models.CharField(max_length=5, choices=ReleaseItem.Split.choices)
    # [{"key", "name", "kind"}] in the files' order (rendering.InputColumn).
    columns = models.JSONField(default=list)
    rows = models.PositiveIntegerField()
    positive = models.PositiveIntegerField()
    public_rows = models.PositiveIntegerField(default=0)  # test split: its two parts
    private_rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["release_id", "task", "split"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "task", "split"], name="releasetable_unique_split"
            )
        ]

    def __str__(self) -> str:
        return f"{self.release_id}:{self.task}/{self.split}"


class ReleaseBlock(models.Model):
    """Consecutive rows (in uid order) of one ReleaseTable, rendered as the export files
    hold them: public CSV rows and JSON Lines (no labels in a test split) and the same rows
    as Arrow (an IPC stream, written to Parquet as it is), and for a test split the private
    test labels in the three forms. An export joins the blocks in order; each block is one
    Parquet row group. The text is bytes, exactly as written to the files. On PostgreSQL the
    columns are lz4-compressed (migration 0008): cheap to read back."""

    # The release again (it is the table's): the freeze triggers look the release up by it.
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="+")
    table = models.ForeignKey(ReleaseTable, on_delete=models.CASCADE, related_name="blocks")
    number = models.PositiveIntegerField()
    rows = models.PositiveIntegerField()
    csv = models.BinaryField()
    jsonl = models.BinaryField()
    arrow = models.BinaryField()  # Arrow IPC stream of the CSV's rows, for Parquet
    labels_csv = models.BinaryField(default=b"")
    labels_jsonl = models.BinaryField(default=b"")
    labels_arrow = models.BinaryField(default=b"")

    class Meta:
        ordering = ["table_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["table", "number"], name="releaseblock_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.table_id}#{self.number}"


class ReleaseExport(models.Model):
    """Files of a release (JSON Lines, CSV, Parquet per task and split, dataset card, Croissant
    metadata, checksums), written by a Celery job into MEDIA_ROOT/exports/."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Curators may also write the test labels, into files that are never offered to authors.
    include_test_labels = models.BooleanField(default=False)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # [{"name", "format", "task", "split", "rows", "bytes", "sha256", "public"}]
    files = models.JSONField(default=list)
    # Relative to MEDIA_ROOT.
    directory = models.CharField(max_length=300, blank=True)
    failure = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=F("rows_total")), name="releaseexport_progress_bounded"
            )
        ]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.release_id} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.FINISHED:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
