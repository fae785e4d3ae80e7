"""Built-in baselines on a real published release: each predicts from the test inputs alone
(the majority class from the train labels), submits as the "baselines" author, and is scored
and ranked like any submission.

The release is built once for the module (about a minute) inside an outer transaction that
is rolled back at the end; every test runs in its own savepoint on top of it.
"""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from sklearn.metrics import accuracy_score

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, MODEL_AUTHOR
from accounts.services import user_create_with_roles
from annotation.models import ReleaseItem
from evaluation.baselines.llm_judge import (
    answer_parse,
    judge_fields,
    judge_prompt_load,
    judge_request,
)
from evaluation.baselines.services import BASELINE_USERNAME, baseline_run, baselines_author
from evaluation.baselines.simple import random_predictions
from evaluation.models import Score, Submission
from evaluation.selectors import leaderboard_rows
from evaluation.services import predictions_load
from pipeline.generation.llm import ChatResult, llm_client, llm_client_reset
from pipeline.models import LLMResponse
from tests.evaluation.conftest import release_build

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data" / "amazon2023"
TASKS = ("t1", "t2", "t3")


@pytest.fixture(scope="module")
def release(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with pytest.MonkeyPatch.context() as monkeypatch:

                def make_user(username, *roles):
                    return user_create_with_roles(
                        username=username, password="test-pass-123", roles=list(roles)
                    )

                built = release_build(sorted(SAMPLE_DIR.glob("*.jsonl.gz")), monkeypatch, make_user)
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def curator(release, db):
    return user_create_with_roles(
        username="baseline-curator", password="x-pass-123", roles=[CURATOR]
    )


def hidden_test_items(release, task=None):
    """The hidden test items in the release's test order, read by the TEST (never by a
    baseline) to check what the baselines predicted."""
    items = ReleaseItem.objects.filter(release=release, split="test").order_by("task", "uid")
    return list(items.filter(task=task) if task else items)


def predicted(submission, task):
    return predictions_load(submission)[task].tolist()


class ScriptedJudge:
    """An OpenAI-compatible stand-in that answers from a fixed cycle and counts its calls."""

    model_name = "scripted-judge"

    def __init__(self, answers):
        self.answers = answers
        self.calls = 0

    def chat(self, request):
        text = self.answers[self.calls % len(self.answers)]
        self.calls += 1
        return ChatResult(
            text=text, model=self.model_name, tokens_in=50, tokens_out=2, seconds=0.01, attempts=1
        )


# --- no database ---------------------------------------------------------------------------

ANSWERS = [
    ("Yes", 1),
    ("No", 0),
    ("Yes.", 1),
    ("no.", 0),
    ("Answer: no", 0),
    ("Answer: Yes", 1),
    ("**No**, the product does not fit", 0),
    (" yes, it helps", 1),
    ("YES", 1),
    ("True", 1),
    ("false", 0),
    ("y", 1),
    ("N", 0),
    ("The answer is no.", 0),
    ("Yes or no? Yes", 1),  # the echoed question chooses nothing; the answer after it does
    ("yes/no", None),
    ("Not sure", None),  # "not" is not "no"
    ("Maybe", None),
    ("", None),
    ("Nobody knows", None),
    ("I cannot tell.", None),
    ("No, yes", 0),  # the first answer word decides
]


@pytest.mark.parametrize(("text", "expected"), ANSWERS)
def test_the_yes_no_parser_reads_the_first_answer_word(text, expected):
    assert answer_parse(text) == expected


def test_the_random_coin_is_seeded_and_balanced():
    ids = {"t1": [f"id{n}" for n in range(20_000)]}
    first = random_predictions(ids, seed=7)["t1"]
    again = random_predictions(ids, seed=7)["t1"]
    other = random_predictions(ids, seed=8)["t1"]
    labels = np.array([p.label for p in first])
    assert [p.label for p in again] == labels.tolist()
    # A fair coin: the share of ones is within 4 standard deviations (0.0035 each) of 0.5.
    assert abs(labels.mean() - 0.5) < 0.014
    # Another seed is another coin: about half the items change.
    changed = np.mean(labels != np.array([p.label for p in other]))
    assert 0.45 < changed < 0.55
    # An item's coin does not depend on the other ids in the release.
    alone = random_predictions({"t1": ["id5"]}, seed=7)["t1"][0]
    assert alone.label == first[5].label and alone.score == 0.5


def test_the_judge_prompts_render_the_frozen_inputs_readably():
    steps = [
        {"order": 1, "text": "Measure the window", "products": []},
        {
            "order": 2,
            "text": "Buy blackout curtains",
            "products": [{"title": "Blackout Curtains 2 Panels", "category": "Home_and_Kitchen"}],
        },
    ]
    for task, inputs, expected in (
        ("t1", {"objective": "darken a bedroom", "steps": steps}, ["1. Measure", "2. Buy"]),
        (
            "t2",
            {
                "objective": "darken a bedroom",
                "step": "Buy blackout curtains",
                "product": {"title": "Blackout Curtains 2 Panels", "category": "Home_and_Kitchen"},
            },
            [
                "Step: Buy blackout curtains",
                "Product: Blackout Curtains 2 Panels (Home and Kitchen)",
            ],
        ),
        (
            "t3",
            {"objective": "darken a bedroom", "steps": steps},
            ["1. Measure the window\n2. Buy", "   Products: Blackout Curtains 2 Panels"],
        ),
    ):
        template = judge_prompt_load(task)
        assert template.version == f"{task}.v1"
        request = judge_request(template, judge_fields(task, inputs))
        roles = [role for role, _ in request.messages]
        # System line, few-shot turns with one-word answers, then the item's own turn.
        assert roles[0] == "system" and roles[-1] == "user" and roles.count("assistant") >= 4
        assert {a for r, a in request.messages if r == "assistant"} == {"Yes", "No"}
        user = request.messages[-1][1]
        assert "Goal: darken a bedroom" in user and "{" not in user
        for text in expected:
            assert text in user
        assert request.temperature == 0.0 and request.max_tokens <= 8


# --- on the real release -------------------------------------------------------------------


def test_the_baselines_author_cannot_sign_in(release, db, client):
    author = baselines_author()
    assert author.username == BASELINE_USERNAME
    assert not author.has_usable_password() and not author.is_active
    assert baselines_author().pk == author.pk  # created once
    assert not client.login(username=BASELINE_USERNAME, password="")


def test_the_random_baseline_is_scored_like_any_submission(release, db):
    outcome = baseline_run(release, "random")
    submission = outcome.submission
    assert submission.status == Submission.Status.FINISHED and submission.chosen
    assert submission.owner.username == BASELINE_USERNAME
    assert submission.model.is_baseline and submission.model.verified
    for task in TASKS:
        items = hidden_test_items(release, task)
        labels = predicted(submission, task)
        score = Score.objects.get(submission=submission, task=task, part="all")
        assert score.accuracy == pytest.approx(accuracy_score([i.label for i in items], labels))
        assert score.auc == pytest.approx(0.5)  # a constant score ranks nothing
    # Seeded: a second run predicts the same.
    again = baseline_run(release, "random").submission
    assert all(predicted(again, t) == predicted(submission, t) for t in TASKS)


def test_the_majority_baseline_predicts_the_train_majority(release, db):
    submission = baseline_run(release, "majority").submission
    report_majority = {}
    for task in TASKS:
        train = Counter(
            ReleaseItem.objects.filter(release=release, split="train", task=task).values_list(
                "label", flat=True
            )
        )
        majority = 1 if train[1] >= train[0] else 0
        report_majority[task] = majority
        items = hidden_test_items(release, task)
        assert predicted(submission, task) == [majority] * len(items)
        share = np.mean([i.label == majority for i in items])
        score = Score.objects.get(submission=submission, task=task, part="all")
        assert score.accuracy == pytest.approx(share)


def test_the_embedding_baseline_thresholds_the_association_score(release, db):
    outcome = baseline_run(release, "embedding")
    submission = outcome.submission
    assert submission.status == Submission.Status.FINISHED
    assert set(predictions_load(submission)) == {"t2"}  # T2 only
    items = hidden_test_items(release, "t2")
    expected = [int(i.item.score is not None and i.item.score >= 0.45) for i in items]
    assert predicted(submission, "t2") == expected
    assert 0 < sum(expected) < len(expected)  # the release has both kinds of pair
    assert outcome.report["without_score"] == sum(i.item.score is None for i in items)


def test_the_llm_judge_counts_unparseable_answers_and_makes_no_call_twice(release, db):
    judge = ScriptedJudge(["Yes.", "Answer: no", "I cannot tell", "**No**"])
    outcome = baseline_run(release, "llm", limit=4, client=judge)
    submission, report = outcome.submission, outcome.report
    assert submission.status == Submission.Status.FINISHED
    assert submission.model.name == "LLM judge: scripted-judge"
    assert judge.calls == 12 and report["calls"] == 12 and report["cached"] == 0
    for task in TASKS:
        task_report = report["tasks"][task]
        items = hidden_test_items(release, task)
        assert task_report["judged"] == 4 and task_report["items"] == len(items)
        assert (task_report["yes"], task_report["no"], task_report["unparseable"]) == (1, 2, 1)
        assert task_report["fallback"] == len(items) - 4 + 1
        fallback = report["fallback_label"][task]
        # The judged items get their answers; the unparseable one and the rest the fallback.
        assert predicted(submission, task) == [1, 0, fallback, 0] + [fallback] * (len(items) - 4)
    assert "4/" in submission.note and "1 unparseable" in submission.note
    # Rerun: every answer comes from the cache.
    rerun = baseline_run(release, "llm", limit=4, client=judge)
    assert judge.calls == 12 and rerun.report["calls"] == 0 and rerun.report["cached"] == 12
    assert all(predicted(rerun.submission, t) == predicted(submission, t) for t in TASKS)


def test_the_llm_judge_runs_the_embedded_model(release, db, settings):
    settings.LLM_BASE_URL = ""
    settings.LLM_EMBEDDED_MODEL_PATH = ""
    llm_client_reset()
    try:
        before = LLMResponse.objects.count()
        outcome = baseline_run(release, "llm", limit=2)
        report = outcome.report
        assert outcome.submission.status == Submission.Status.FINISHED
        assert outcome.submission.model.parameters == 135_000_000
        assert report["calls"] == 6 and LLMResponse.objects.count() == before + 6
        stored = LLMResponse.objects.filter(model=llm_client().model_name).order_by("pk")
        unparseable = sum(answer_parse(r.text) is None for r in stored)
        assert report["unparseable"] == unparseable
        for task in TASKS:
            task_report = report["tasks"][task]
            assert task_report["yes"] + task_report["no"] + task_report["unparseable"] == 2
        assert report["items_per_second"] > 0
        rerun = baseline_run(release, "llm", limit=2)
        assert rerun.report["calls"] == 0 and LLMResponse.objects.count() == before + 6
    finally:
        llm_client_reset()


def test_all_baselines_are_on_the_leaderboard_with_the_badge(release, db):
    for kind in ("random", "majority", "embedding"):
        baseline_run(release, kind)
    baseline_run(release, "llm", limit=3, client=ScriptedJudge(["Yes", "No"]))
    rows = {row.model.name: row for row in leaderboard_rows(release)}
    names = {"Random", "Majority class", "Intention similarity (T2)", "LLM judge: scripted-judge"}
    assert names <= set(rows)
    for name in names:
        assert "baseline" in rows[name].badges and "verified" in rows[name].badges
    # T2 only: listed, not ranked; the three-task baselines have a rank band.
    assert rows["Intention similarity (T2)"].band is None
    assert all(rows[n].band is not None for n in names - {"Intention similarity (T2)"})


def test_run_baseline_from_the_command_line(release, db):
    out = StringIO()
    call_command(
        "run_baseline",
        "--release",
        f"{release.name}:{release.version}",
        "--baseline",
        "majority",
        "--json",
        "--no-progress",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    submission = Submission.objects.get(pk=report["submission_id"])
    assert report["status"] == "finished" and submission.model.name == "Majority class"
    with pytest.raises(CommandError, match="only the llm baseline"):
        call_command(
            "run_baseline", "--release", str(release.pk), "--baseline", "random", "--limit", "3"
        )
    with pytest.raises(CommandError, match="no such release"):
        call_command("run_baseline", "--release", "nope:9.9", "--baseline", "random")


def test_only_a_curator_runs_a_baseline(release, db, curator):
    author = user_create_with_roles(
        username="not-curator", password="x-pass-123", roles=[MODEL_AUTHOR]
    )
    with pytest.raises(ApplicationError, match="Only a curator"):
        baseline_run(release, "random", user=author)
    submission = baseline_run(release, "random", user=curator).submission
    assert submission.status == Submission.Status.FINISHED
    assert "run by baseline-curator" in submission.note


def test_a_curator_page_can_queue_a_baseline_run(
    release, db, curator, django_capture_on_commit_callbacks
):
    from evaluation.baselines.services import baseline_run_enqueue
    from evaluation.tasks import baseline_run_task

    with pytest.raises(ApplicationError, match="unknown baseline"):
        baseline_run_enqueue(release, "oracle", user=curator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        baseline_run_enqueue(release, "majority", user=curator)
    assert len(callbacks) == 1  # sent once the page's transaction commits
    # What the worker runs: the task body, by ids.
    submission = Submission.objects.get(
        pk=baseline_run_task(release.pk, "majority", None, curator.pk)
    )
    assert submission.status == Submission.Status.FINISHED and submission.model.is_baseline
