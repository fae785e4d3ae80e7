"""The catalogue and everything the pipeline derives from it.

Invariants live in database constraints, so that a bug in a service cannot break them:
one product per parent_asin, one review per (product, asin, user, timestamp), unique
step order 1..10 per script, one association per (step, product, method), rank >= 1.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Category(models.Model):
    """A catalogue category, named after the Amazon Reviews 2023 file it came from
    (``meta_Home_and_Kitchen.jsonl`` -> "Home_and_Kitchen")."""

    name = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")


class Product(models.Model):
    # Unique through a constraint (not unique=True) so PostgreSQL keeps one index on it, not
    # two: the import benchmark pays for every index on this table.
    parent_asin = models.CharField(max_length=32)
    # Indexed by the (category, parent_asin) index below, which starts with it.
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", db_index=False
    )
    main_category = models.CharField(max_length=200, blank=True)
    title = models.TextField()
    store = models.CharField(max_length=300, blank=True)
    # Price in the listing's currency; null when the source had none or no number in it.
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # The source's price when it was a string ("$12.99", "12.99 - 15.99"), kept verbatim.
    price_text = models.CharField(max_length=100, blank=True)
    average_rating = models.FloatField(null=True, blank=True)
    rating_number = models.PositiveIntegerField(null=True, blank=True)
    features = models.JSONField(default=list, blank=True)
    description = models.JSONField(default=list, blank=True)
    categories = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)
    images = models.JSONField(default=list, blank=True)
    videos = models.JSONField(default=list, blank=True)
    bought_together = models.JSONField(null=True, blank=True)
    # Hash of the source record: a re-import of an unchanged line writes nothing.
    source_hash = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["parent_asin"]
        indexes = [models.Index(fields=["category", "parent_asin"])]
        constraints = [
            models.UniqueConstraint(fields=["parent_asin"], name="product_unique_parent_asin"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="product_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(average_rating__isnull=True)
                | Q(average_rating__gte=0, average_rating__lte=5),
                name="product_rating_0_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent_asin}: {self.title[:60]}"


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    asin = models.CharField(max_length=32)
    user_id = models.CharField(max_length=64)
    rating = models.FloatField()
    title = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # Milliseconds since the epoch, as in the source.
    timestamp = models.BigIntegerField()
    helpful_vote = models.PositiveIntegerField(default=0)
    verified_purchase = models.BooleanField(default=False)
    images = models.JSONField(default=list, blank=True)
    source_hash = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["product_id", "timestamp"]
        constraints = [
            # The source has no review id; this is the key a re-import matches on.
            models.UniqueConstraint(
                fields=["product", "asin", "user_id", "timestamp"], name="review_unique_source_key"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating:.0f}* {self.title[:60]}"


class Intention(models.Model):
    """A purchase intention, "PersonX wants to buy this because ...".

    The paper generates 10 per product from its metadata."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="intentions")
    text = models.TextField()
    relation = models.CharField(max_length=40, default="because")
    generator_model = models.CharField(max_length=200)
    prompt_version = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["product_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "generator_model", "relation", "text"],
                name="intention_unique_per_product_model",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Objective(models.Model):
    """What a buyer was trying to achieve, inferred from reviews."""

    text = models.TextField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="objectives")
    source_products = models.ManyToManyField(Product, related_name="objectives", blank=True)
    source_reviews = models.ManyToManyField(Review, related_name="objectives", blank=True)
    generator_model = models.CharField(max_length=200)
    prompt_version = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "generator_model", "text"], name="objective_unique_text"
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Script(models.Model):
    """An ordered plan of steps toward an objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="scripts")
    generator_model = models.CharField(max_length=200)
    prompt_version = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            # One script per objective and model: a redelivered job cannot write a second one.
            models.UniqueConstraint(
                fields=["objective", "generator_model"], name="script_unique_per_objective_model"
            )
        ]

    def __str__(self) -> str:
        return f"Script {self.pk} for: {self.objective.text[:60]}"


MAX_STEPS_PER_SCRIPT = 10  # the paper's scripts have at most 10 steps


class Step(models.Model):
    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    # None until the purchase-need stage has decided.
    needs_product = models.BooleanField(null=True, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    # Which model decided needs_product (the purchase-need stage).
    needs_generator = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["script_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["script", "order"], name="step_unique_order"),
            models.CheckConstraint(
                condition=Q(order__gte=1, order__lte=MAX_STEPS_PER_SCRIPT),
                name="step_order_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:70]}"


class StepProduct(models.Model):
    """A product associated with a step by a scoring method."""

    class Method(models.TextChoices):
        INTENTION = "intention", "Intention similarity"
        TITLE = "title", "Title similarity"

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="step_products")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="step_products")
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=20, choices=Method.choices)

    class Meta:
        ordering = ["step_id", "method", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "product", "method"], name="stepproduct_unique_step_product_method"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="stepproduct_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"step {self.step_id} -> {self.product_id} ({self.method} #{self.rank})"


class CatalogImport(models.Model):
    """A catalogue import job started from the web (or the command line with --record)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a worker"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    strict = models.BooleanField(default=False)
    # [{"name": original file name, "path": stored path, "kind": "meta"|"reviews"|""}]
    files = models.JSONField(default=list)
    bytes_total = models.BigIntegerField(default=0)
    bytes_done = models.BigIntegerField(default=0)
    lines_done = models.BigIntegerField(default=0)
    # {"products": {"created": n, "updated": n, "unchanged": n}, "reviews": {...}, "skipped": n}
    summary = models.JSONField(default=dict)
    error_count = models.PositiveIntegerField(default=0)
    # The first CATALOG_IMPORT_MAX_STORED_ERRORS problems, as "file:line: field: problem".
    errors = models.JSONField(default=list)
    failure = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bytes_done__lte=F("bytes_total")) | Q(bytes_total=0),
                name="catalogimport_progress_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.FINISHED:
            return 100
        if not self.bytes_total:
            return 0
        return min(100, int(100 * self.bytes_done / self.bytes_total))

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.FINISHED, self.Status.FAILED)


class PipelineRun(models.Model):
    """One run of pipeline stages over a scope of the catalogue, executed chunk by chunk."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    DONE_STATUSES = (Status.FINISHED, Status.FAILED, Status.CANCELLED)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stages = models.JSONField(default=list)
    # {"categories": [names] (empty: all), "limit": products in scope (null: all)}
    scope = models.JSONField(default=dict)
    generator_model = models.CharField(max_length=200, blank=True)
    # The sentence model of the embed and align stages.
    embedding_model = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    cancel_requested = models.BooleanField(default=False)
    failure = models.TextField(blank=True)
    # A driver holds the run while it works; a crashed driver's lease expires.
    lease_owner = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Run {self.pk} ({self.status}): {', '.join(self.stages)}"

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE_STATUSES


class PipelineStageProgress(models.Model):
    run = models.ForeignKey(PipelineRun, on_delete=models.CASCADE, related_name="stage_progress")
    stage = models.CharField(max_length=30)
    position = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    calls = models.PositiveIntegerField(default=0)
    cached_calls = models.PositiveIntegerField(default=0)
    tokens_in = models.BigIntegerField(default=0)
    tokens_out = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "stage"], name="stageprogress_unique_stage"),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="stageprogress_done_le_total"
            ),
        ]

    def __str__(self) -> str:
        return f"run {self.run_id} {self.stage}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        if self.finished_at:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class LLMResponse(models.Model):
    """The response cache: a request already answered is never sent again."""

    key = models.CharField(max_length=64, unique=True)
    model = models.CharField(max_length=200)
    request = models.JSONField()
    text = models.TextField()
    tokens_in = models.PositiveIntegerField(default=0)
    tokens_out = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.model}: {self.text[:60]}"


class GenerationReject(models.Model):
    """An answer that failed validation, kept with its reason; nothing of it reached the tables."""

    run = models.ForeignKey(
        PipelineRun, null=True, blank=True, on_delete=models.CASCADE, related_name="rejects"
    )
    stage = models.CharField(max_length=30)
    # The unit's primary key (a product, objective or step, by stage) and a readable label.
    subject_id = models.BigIntegerField()
    subject = models.CharField(max_length=100)
    attempt = models.PositiveSmallIntegerField(default=1)
    reason = models.CharField(max_length=40)
    detail = models.TextField(blank=True)
    answer = models.TextField(blank=True)
    # True when the unit was given up after the last attempt.
    final = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["run", "stage", "final", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.stage} {self.subject}: {self.reason}"


class TextEmbedding(models.Model):
    """The embedding store: one vector per (model, text). A text is never embedded twice by the
    same model; a re-run embeds only texts that have no row here yet."""

    model = models.CharField(max_length=200)
    # blake2b-128 of the exact text, hex: the key a lookup matches on (texts can be long).
    text_hash = models.CharField(max_length=32)
    dim = models.PositiveSmallIntegerField()
    # float32, unit length, little-endian: dim * 4 bytes.
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "text_hash"], name="textembedding_unique_text")
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.text_hash}"


class ProductVector(models.Model):
    """One vector per product, model and kind, the product side of the alignment search.

    ``intention``: the mean of the unit embeddings of the product's intentions, NOT normalised
    again, so that its dot product with a unit step vector is exactly the paper's average cosine.
    ``title``: the unit embedding of the product title (the ablation)."""

    class Kind(models.TextChoices):
        INTENTION = "intention", "Mean of intention embeddings"
        TITLE = "title", "Title embedding"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="vectors")
    model = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    dim = models.PositiveSmallIntegerField()
    vector = models.BinaryField()
    # How many texts went into it (intentions): a product whose intentions grew is re-embedded.
    n_texts = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["model", "kind", "product"])]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "model", "kind"], name="productvector_unique_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.kind} ({self.model})"


class StepAlignment(models.Model):
    """That a step was scored by a method with an embedding model, and how: the align stage's
    record of work done (a step with no product above the threshold still has one)."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="alignments")
    method = models.CharField(max_length=20, choices=StepProduct.Method.choices)
    embedding_model = models.CharField(max_length=200)
    # Products the step was scored against, after narrowing.
    candidates = models.PositiveIntegerField()
    # "keywords": the step's keywords matched products; "category": the objective's category;
    # "catalogue": no narrowing.
    narrowing = models.CharField(max_length=20)
    kept = models.PositiveSmallIntegerField(default=0)
    best_score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step_id", "method"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "method", "embedding_model"], name="stepalignment_unique_method"
            )
        ]

    def __str__(self) -> str:
        return f"step {self.step_id} {self.method}: {self.kept} of {self.candidates}"


class Task(models.TextChoices):
    """The benchmark's three binary tasks (SPEC.md section 1)."""

    T1 = "t1", "T1 script verification"
    T2 = "t2", "T2 step-product discrimination"
    T3 = "t3", "T3 script-products verification"


class ItemSet(models.Model):
    """A seeded, stratified sample of candidate items for one task."""

    class Status(models.TextChoices):
        BUILDING = "building", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=200)
    task = models.CharField(max_length=4, choices=Task.choices)
    seed = models.BigIntegerField()
    size_requested = models.PositiveIntegerField()
    # Everything that shaped the sample: categories, generator/embedding models, method,
    # negative shares. Same params + same data + same seed = same items.
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BUILDING)
    failure = models.TextField(blank=True)
    # {"items": n, "by_category": {...}, "by_origin": {...}, "pool": {...}}
    stats = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_task_display()})"


class Item(models.Model):
    """One thing to judge, with a frozen copy of all an annotator sees (``payload``): later
    pipeline runs never change an item. ``origin`` (how the candidate was made) is for curators
    and analysis only; annotators never see it."""

    class Origin(models.TextChoices):
        SCRIPT = "script", "Generated script"
        ASSOCIATED = "associated", "Associated product"
        UNASSOCIATED = "unassociated", "Same-category product not associated"
        NO_NEED = "no_need", "Step that needs no purchase"
        ENRICHED = "enriched", "Script with associated products"

    item_set = models.ForeignKey(ItemSet, on_delete=models.CASCADE, related_name="items")
    # Public id: what annotators, exports and prediction files use. Says nothing of the origin.
    uid = models.CharField(max_length=24, unique=True)
    task = models.CharField(max_length=4, choices=Task.choices)
    # The source rows, for grouping (no objective in two splits) and for tracing.
    key = models.CharField(max_length=100)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="items")
    script = models.ForeignKey(Script, on_delete=models.PROTECT, related_name="items")
    step = models.ForeignKey(
        Step, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    # Association score of (step, product) by the intention method, when there is one.
    score = models.FloatField(null=True, blank=True)
    payload = models.JSONField()
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["item_set_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item_set", "key"], name="item_unique_source"),
            models.UniqueConstraint(fields=["item_set", "position"], name="item_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.uid} ({self.task})"
