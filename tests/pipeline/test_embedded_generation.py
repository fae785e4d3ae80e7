"""Real generations: a pipeline run of all four stages with the embedded SmolLM2-135M model on
two sample products. Nothing is scripted: whatever the tiny model writes must either land in
the tables as valid rows or be rejected with a documented reason.

About a minute on one core (the embedded model runs one thread).
"""

import pytest

from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation.llm import (
    EMBEDDED_MODEL_NAME,
    ChatRequest,
    EmbeddedClient,
    llm_client_reset,
)
from pipeline.generation.prompts import prompt_load
from pipeline.generation.runs import DriveResult, pipeline_run_create, pipeline_run_drive
from pipeline.generation.stages import product_prompt_fields
from pipeline.generation.validation import (
    INTENTION_PREFIX,
    REJECT_REASONS,
    AnswerRejected,
    intentions_parse,
    need_parse,
    objectives_parse,
    script_parse,
)
from pipeline.models import (
    GenerationReject,
    Intention,
    LLMResponse,
    Objective,
    PipelineRun,
    PipelineStageProgress,
    Product,
    Script,
    Step,
)

pytestmark = pytest.mark.django_db

ALL_STAGES = ["intentions", "objectives", "scripts", "needs"]
# The truncation rule looks at an answer's last line only; stored rows are re-checked as lines
# of an answer that goes on, so a row that ended a longer answer is judged as it was.
MORE = "follow one more complete line after the stored ones"


@pytest.fixture
def embedded_run(sample_files, settings):
    catalog_import([CatalogFile.of(path) for path in sample_files])
    settings.LLM_BASE_URL = ""
    settings.LLM_EMBEDDED_MODEL_PATH = ""
    settings.GENERATION_MAX_ATTEMPTS = 3
    settings.PIPELINE_CHUNK_SIZE = 8
    llm_client_reset()
    try:
        run = pipeline_run_create(user=None, stages=ALL_STAGES, limit=2, enqueue=False)
        assert pipeline_run_drive(run.pk) is DriveResult.DONE
        run.refresh_from_db()
        yield run
    finally:
        llm_client_reset()


def prompt_of(answer: str) -> str:
    """The user turn that was answered: the cache stores every request with its answer."""
    response = LLMResponse.objects.filter(text=answer).first()
    assert response is not None, f"rejected answer without a stored request: {answer[:80]!r}"
    return response.request["messages"][-1][1]


def test_embedded_run_fills_every_table_with_valid_rows_and_records_rejections(embedded_run):
    run = embedded_run
    assert run.status == PipelineRun.Status.FINISHED, run.failure
    assert run.generator_model == EMBEDDED_MODEL_NAME
    products = list(Product.objects.filter(intentions__isnull=False).distinct())
    progress = {p.stage: p for p in PipelineStageProgress.objects.filter(run=run)}
    assert progress["intentions"].total == 2
    for stage in ALL_STAGES:
        p = progress[stage]
        assert p.finished_at and p.done == p.total > 0, stage
        # Every call was a real generation: the cache was empty.
        assert p.calls > 0 and p.cached_calls == 0 and p.tokens_in > p.calls * 50, stage
        assert p.tokens_out > 0, stage
    assert LLMResponse.objects.filter(model=EMBEDDED_MODEL_NAME).count() == sum(
        p.calls for p in progress.values()
    )

    # Rows landed in every table, each naming the model and prompt that wrote it.
    assert products and Intention.objects.count() >= 3
    assert Objective.objects.count() >= 1
    assert Script.objects.count() == Objective.objects.count()
    assert Step.objects.count() >= 3 * Script.objects.count()
    for model, stage in ((Intention, "intentions"), (Objective, "objectives"), (Script, "scripts")):
        assert set(model.objects.values_list("generator_model", "prompt_version")) == {
            (EMBEDDED_MODEL_NAME, prompt_load(stage).version)
        }

    # Every stored row is one the validators keep unchanged.
    template = prompt_load("intentions")
    for product in products:
        texts = list(product.intentions.order_by("id").values_list("text", flat=True))
        assert 3 <= len(texts) <= 10
        prompt = template.user_text(**product_prompt_fields(product))
        answer = "\n".join([*texts, f"{INTENTION_PREFIX} they {MORE}"])
        parsed = intentions_parse(answer, prompt_text=prompt, want=11)
        assert parsed.items[:-1] == texts and not parsed.dropped
    for objective in Objective.objects.all():
        assert objective.source_products.exists() and objective.source_reviews.exists()
        review_prompt = prompt_load("objectives").user_text(
            title=objective.source_products.first().title,
            reviews=list(objective.source_reviews.order_by("id").values_list("text", flat=True)),
        )
        parsed = objectives_parse(f"{objective.text}\n{MORE}", prompt_text=review_prompt)
        assert parsed.items == [objective.text, MORE]
    for script in Script.objects.all():
        steps = list(script.steps.order_by("order").values_list("text", flat=True))
        assert list(script.steps.order_by("order").values_list("order", flat=True)) == list(
            range(1, len(steps) + 1)
        )
        assert 3 <= len(steps) <= 10
        answer = "\n".join(f"{n}. {text}" for n, text in enumerate([*steps, MORE], start=1))
        parsed = script_parse(answer, prompt_text=f"Goal: {script.objective.text}")
        assert parsed.items[: len(steps)] == steps

    # Purchase needs: decided for every step not given up, keywords exactly when a purchase.
    given_up = set(
        GenerationReject.objects.filter(run=run, stage="needs", final=True).values_list(
            "subject_id", flat=True
        )
    )
    for step in Step.objects.all():
        if step.pk in given_up:
            assert step.needs_product is None
            continue
        assert step.needs_product is not None and step.needs_generator == EMBEDDED_MODEL_NAME
        if step.needs_product:
            assert 1 <= len(step.keywords) <= 4
            again = need_parse(f"Purchase: yes\nKeywords: {', '.join(step.keywords)}")
            assert again.keywords == step.keywords
        else:
            assert step.keywords == []
    assert len(given_up) < Step.objects.count()

    rejections_check(run)


def rejections_check(run):
    parsers = {
        "intentions": lambda text, prompt: intentions_parse(text, prompt_text=prompt, want=10),
        "objectives": lambda text, prompt: objectives_parse(text, prompt_text=prompt),
        "scripts": lambda text, prompt: script_parse(text, prompt_text=prompt),
        "needs": lambda text, prompt: need_parse(text),
    }
    progress = {p.stage: p.rejected for p in PipelineStageProgress.objects.filter(run=run)}
    for stage, count in progress.items():
        assert GenerationReject.objects.filter(run=run, stage=stage).count() == count
    for reject in GenerationReject.objects.filter(run=run):
        assert reject.reason in REJECT_REASONS and reject.detail, reject
        if reject.reason == "incomplete":  # the unit's verdict, not one answer's
            assert reject.final and reject.stage == "intentions"
            continue
        # The stored answer really is invalid, for the stored reason.
        with pytest.raises(AnswerRejected) as caught:
            parsers[reject.stage](reject.answer, prompt_of(reject.answer))
        assert caught.value.reason == reject.reason


def test_embedded_answers_do_not_depend_on_what_ran_before():
    """The client keeps the few-shot head of the last prompt in its KV cache; an answer must
    still be the same whether the head was warm or evaluated afresh."""
    template = prompt_load("needs")
    requests = [
        template.render(seed=seed, objective="go camping by a lake", step=step)
        for seed, step in ((0, "Buy a tent and two sleeping bags"), (1, "Drive to the lake"))
    ]
    client = EmbeddedClient()
    warm = [client.chat(request).text for request in requests]  # the second reuses the head
    other = ChatRequest(
        messages=(
            ("system", "Answer briefly."),
            ("user", "Hi"),
            ("assistant", "Hello"),
            ("user", "Go"),
        ),
        max_tokens=1,
    )
    cold = []
    for request in reversed(requests):
        client.chat(other)  # another head in between: the needs head is evaluated again
        cold.append(client.chat(request).text)
    assert warm == cold[::-1]
    assert all(text.strip() for text in warm)
