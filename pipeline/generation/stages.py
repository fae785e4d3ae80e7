"""The four generation stages: what counts as a unit, what is missing, how one unit is made.

A stage's ``pending`` query is the whole truth about progress: a unit is done when its rows
exist (or it was given up in this run), so a chunk that crashed half-way is simply pending
again, and rows protected by unique constraints are never written twice.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet

from pipeline.models import (
    GenerationReject,
    Intention,
    Objective,
    PipelineRun,
    Product,
    Script,
    Step,
)

from .cache import llm_chat_cached
from .llm import ChatResult, LLMClient
from .prompts import prompt_load
from .validation import (
    AnswerRejected,
    intentions_parse,
    need_parse,
    objectives_parse,
    script_parse,
    text_key,
)

INTENTIONS_PER_PRODUCT = 10  # the paper generates 10 intentions per product
GENERATION_STAGES = ("intentions", "objectives", "scripts", "needs")


@dataclass
class StageContext:
    run: PipelineRun
    client: LLMClient
    model: str
    calls: int = 0
    cached_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    rejected: int = 0
    products: list[int] | None = field(default=None)

    def chat(self, request) -> ChatResult:
        result, cached = llm_chat_cached(self.client, request)
        self.calls += 1
        self.cached_calls += int(cached)
        if not cached:
            self.tokens_in += result.tokens_in
            self.tokens_out += result.tokens_out
        return result

    def reject(self, stage, subject_id, subject, attempt, error: AnswerRejected, answer, final):
        self.rejected += 1
        GenerationReject.objects.create(
            run=self.run,
            stage=stage,
            subject_id=subject_id,
            subject=subject[:100],
            attempt=attempt,
            reason=error.reason,
            detail=error.detail[:2000],
            answer=(answer or "")[:4000],
            final=final,
        )


def max_attempts() -> int:
    return int(getattr(settings, "GENERATION_MAX_ATTEMPTS", 3))


def scope_products(run: PipelineRun) -> QuerySet:
    """The run's products: its categories, and at most ``limit`` of them spread evenly over the
    categories (first by parent_asin in each), so a small demo still covers every category."""
    products = Product.objects.all()
    categories = run.scope.get("categories") or []
    if categories:
        products = products.filter(category__name__in=categories)
    limit = run.scope.get("limit")
    if not limit:
        return products
    names = list(
        products.values_list("category__name", flat=True).distinct().order_by("category__name")
    )
    if not names:
        return products.none()
    ids: list[int] = []
    per_category = -(-int(limit) // len(names))
    for name in names:
        ids += list(
            products.filter(category__name=name)
            .order_by("parent_asin")
            .values_list("id", flat=True)[:per_category]
        )
    # Trim round-robin so a limit below the category count still spans categories.
    return Product.objects.filter(
        id__in=sorted(ids)[: int(limit)] if len(ids) > int(limit) else ids
    )


def _given_up(run: PipelineRun, stage: str) -> QuerySet:
    return GenerationReject.objects.filter(run=run, stage=stage, final=True).values("subject_id")


def _retrying(ctx, stage, subject_id, subject, render, parse):
    """Ask until an answer parses or the attempts run out. Each attempt uses another seed,
    so a retry is a different request (and a cached one after a crash)."""
    attempts = max_attempts()
    for attempt in range(1, attempts + 1):
        request = render(seed=attempt - 1)
        result = ctx.chat(request)
        try:
            # The user turn lets the parser spot an answer that copies the prompt.
            return parse(result.text, request.messages[-1][1])
        except AnswerRejected as error:
            ctx.reject(stage, subject_id, subject, attempt, error, result.text, attempt == attempts)
    return None


class IntentionsStage:
    name = "intentions"

    def units(self, ctx: StageContext) -> QuerySet:
        return scope_products(ctx.run)

    def pending(self, ctx: StageContext) -> QuerySet:
        return (
            self.units(ctx)
            .annotate(made=Count("intentions", filter=Q(intentions__generator_model=ctx.model)))
            .filter(made__lt=INTENTIONS_PER_PRODUCT)
            .exclude(id__in=_given_up(ctx.run, self.name))
            .order_by("id")
        )

    def process(self, ctx: StageContext, product_id: int) -> None:
        product = Product.objects.get(pk=product_id)
        template = prompt_load(self.name)
        have = set(
            Intention.objects.filter(product=product, generator_model=ctx.model).values_list(
                "text", flat=True
            )
        )
        attempts = max_attempts()
        for attempt in range(1, attempts + 1):
            if len(have) >= INTENTIONS_PER_PRODUCT:
                return
            request = template.render(seed=attempt - 1, **product_prompt_fields(product))
            result = ctx.chat(request)
            try:
                parsed = intentions_parse(
                    result.text, prompt_text=request.messages[-1][1], want=INTENTIONS_PER_PRODUCT
                )
            except AnswerRejected as error:
                ctx.reject(
                    self.name,
                    product.pk,
                    f"product {product.parent_asin}",
                    attempt,
                    error,
                    result.text,
                    attempt == attempts,
                )
                continue
            # Compared as the validator compares lines: "they want the bag" from a second
            # answer repeats "they want a bag" from the first.
            known = {text_key(text) for text in have}
            new = [text for text in parsed.items if text_key(text) not in known]
            new = new[: INTENTIONS_PER_PRODUCT - len(have)]
            Intention.objects.bulk_create(
                [
                    Intention(
                        product=product,
                        text=text,
                        generator_model=ctx.model,
                        prompt_version=template.version,
                    )
                    for text in new
                ],
                ignore_conflicts=True,
            )
            have.update(new)
        if len(have) < INTENTIONS_PER_PRODUCT:
            ctx.reject(
                self.name,
                product.pk,
                f"product {product.parent_asin}",
                attempts,
                AnswerRejected("incomplete", f"{len(have)} of {INTENTIONS_PER_PRODUCT} valid"),
                "",
                True,
            )


class ObjectivesStage:
    name = "objectives"

    def units(self, ctx: StageContext) -> QuerySet:
        return scope_products(ctx.run).filter(reviews__isnull=False).distinct()

    def pending(self, ctx: StageContext) -> QuerySet:
        # NOT IN over a NULL matches nothing in SQL: keep objectives without products out.
        done = Objective.objects.filter(
            generator_model=ctx.model, source_products__isnull=False
        ).values("source_products")
        return (
            self.units(ctx)
            .exclude(id__in=done)
            .exclude(id__in=_given_up(ctx.run, self.name))
            .order_by("id")
        )

    def process(self, ctx: StageContext, product_id: int) -> None:
        product = Product.objects.select_related("category").get(pk=product_id)
        reviews = list(
            product.reviews.exclude(text="").order_by("-helpful_vote", "-rating", "id")[:4]
        )
        template = prompt_load(self.name)
        parsed = _retrying(
            ctx,
            self.name,
            product.pk,
            f"product {product.parent_asin}",
            lambda seed: template.render(seed=seed, **review_prompt_fields(product, reviews)),
            lambda text, prompt: objectives_parse(text, prompt_text=prompt),
        )
        if parsed is None:
            return
        keep = int(getattr(settings, "GENERATION_OBJECTIVES_PER_PRODUCT", 1))
        with transaction.atomic():
            for text in parsed.items[:keep]:
                objective, _ = Objective.objects.get_or_create(
                    category=product.category,
                    generator_model=ctx.model,
                    text=text,
                    defaults={"prompt_version": template.version},
                )
                objective.source_products.add(product)
                objective.source_reviews.add(*reviews)


class ScriptsStage:
    name = "scripts"

    def units(self, ctx: StageContext) -> QuerySet:
        return Objective.objects.filter(
            generator_model=ctx.model, source_products__in=scope_products(ctx.run)
        ).distinct()

    def pending(self, ctx: StageContext) -> QuerySet:
        done = Script.objects.filter(generator_model=ctx.model).values("objective_id")
        return (
            self.units(ctx)
            .exclude(id__in=done)
            .exclude(id__in=_given_up(ctx.run, self.name))
            .order_by("id")
        )

    def process(self, ctx: StageContext, objective_id: int) -> None:
        objective = Objective.objects.get(pk=objective_id)
        template = prompt_load(self.name)
        parsed = _retrying(
            ctx,
            self.name,
            objective.pk,
            f"objective {objective.pk}",
            lambda seed: template.render(seed=seed, objective=objective.text),
            lambda text, prompt: script_parse(text, prompt_text=prompt),
        )
        if parsed is None:
            return
        try:
            with transaction.atomic():
                script = Script.objects.create(
                    objective=objective, generator_model=ctx.model, prompt_version=template.version
                )
                Step.objects.bulk_create(
                    [
                        Step(script=script, order=order, text=text)
                        for order, text in enumerate(parsed.items, start=1)
                    ]
                )
        except IntegrityError:
            # Another driver wrote this objective's script first; it stands.
            return


class NeedsStage:
    name = "needs"

    def units(self, ctx: StageContext) -> QuerySet:
        objectives = ScriptsStage().units(ctx)
        return Step.objects.filter(
            script__generator_model=ctx.model, script__objective__in=objectives
        )

    def pending(self, ctx: StageContext) -> QuerySet:
        return (
            self.units(ctx)
            .filter(needs_product__isnull=True)
            .exclude(id__in=_given_up(ctx.run, self.name))
            .order_by("id")
        )

    def process(self, ctx: StageContext, step_id: int) -> None:
        step = Step.objects.select_related("script__objective").get(pk=step_id)
        template = prompt_load(self.name)
        answer = _retrying(
            ctx,
            self.name,
            step.pk,
            f"step {step.pk}",
            lambda seed: template.render(
                seed=seed, objective=step.script.objective.text, step=step.text
            ),
            lambda text, prompt: need_parse(text),
        )
        if answer is None:
            return
        Step.objects.filter(pk=step.pk, needs_product__isnull=True).update(
            needs_product=answer.needs_product,
            keywords=answer.keywords,
            needs_generator=ctx.model,
        )


STAGE_CLASSES = {
    stage.name: stage for stage in (IntentionsStage, ObjectivesStage, ScriptsStage, NeedsStage)
}


def product_prompt_fields(product: Product) -> dict:
    return {
        "title": product.title,
        "features": product.features,
        "description": product.description,
        "category": product.category.label if product.category_id else "",
    }


def review_prompt_fields(product: Product, reviews) -> dict:
    return {
        "title": product.title,
        "reviews": [review.text for review in reviews],
    }
