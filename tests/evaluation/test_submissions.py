"""Submissions end to end on a real published release: validation, scoring against the hidden
labels, quota, the leaderboard's public and private parts."""

import zlib

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score

from accounts.errors import ApplicationError
from annotation.models import ReleaseItem
from evaluation.models import Score, Submission
from evaluation.scoring.metrics import SCORER_VERSION
from evaluation.selectors import leaderboard_rows
from evaluation.services import (
    QuotaExceeded,
    model_create,
    phase_close,
    quota_status,
    submission_create,
    submission_score,
)

pytestmark = pytest.mark.django_db


def hidden_items(release):
    return list(ReleaseItem.objects.filter(release=release, split="test").order_by("task", "uid"))


def predictions_csv(items, choose) -> bytes:
    lines = ["task,id,label,score"]
    for item in items:
        label = choose(item)
        lines.append(f"{item.task},{item.uid},{label},{0.8 if label else 0.2}")
    return ("\n".join(lines) + "\n").encode()


def submit(release, owner, model, body, name="predictions.csv"):
    submission = submission_create(
        owner=owner, model=model, release=release, files=[(name, body, None)], enqueue=False
    )
    return submission_score(submission.pk)


def noisy(seed, flip):
    def choose(item):
        rng = np.random.default_rng(zlib.crc32(f"{seed}:{item.uid}".encode()))
        return item.label if rng.random() > flip else 1 - item.label

    return choose


def test_a_valid_file_is_scored_against_the_hidden_labels(published_release, author):
    model = model_create(owner=author, name="Sys A", setting="zero-shot")
    items = hidden_items(published_release)
    choose = noisy(1, 0.3)
    submission = submit(published_release, author, model, predictions_csv(items, choose))
    assert submission.status == Submission.Status.FINISHED and submission.chosen
    assert submission.release_version == "1.0.0" and submission.scorer_version == SCORER_VERSION
    for task in ("t1", "t2", "t3"):
        for part in ("public", "private", "all"):
            chosen_items = [
                i for i in items if i.task == task and (part == "all" or i.test_part == part)
            ]
            if not chosen_items:
                continue
            score = Score.objects.get(submission=submission, task=task, part=part)
            gold = [i.label for i in chosen_items]
            predicted = [choose(i) for i in chosen_items]
            assert score.n == len(chosen_items)
            assert score.accuracy == pytest.approx(accuracy_score(gold, predicted))
            assert score.macro_f1 == pytest.approx(f1_score(gold, predicted, average="macro"))
            assert score.accuracy_low <= score.accuracy <= score.accuracy_high
            assert score.release_version == "1.0.0" and score.scorer_version == SCORER_VERSION


def test_an_invalid_file_is_kept_with_its_report_and_never_scored(published_release, author):
    model = model_create(owner=author, name="Sys B")
    items = hidden_items(published_release)
    body = predictions_csv(items[1:], lambda i: 1)
    body += f"t1,t1-unknown,1,0.5\n{items[1].task},{items[1].uid},maybe,0.5\n".encode()
    submission = submit(published_release, author, model, body)
    assert submission.status == Submission.Status.INVALID
    text = submission.report["text"]
    assert "t1-unknown" in text and "maybe" in text and "missing" in text.lower()
    assert not submission.scores.exists() and not submission.chosen
    # The report names ids and lines, never a gold label.
    assert "gold" not in text.lower()
    assert quota_status(author, published_release)["used"] == 0


def test_the_daily_quota_counts_only_valid_submissions(published_release, author, settings):
    settings.EVALUATION_DAILY_QUOTA = 2
    model = model_create(owner=author, name="Sys C")
    items = hidden_items(published_release)
    submit(published_release, author, model, b"id,label\nnope,1\n")  # invalid: does not count
    for seed in (1, 2):
        submit(published_release, author, model, predictions_csv(items, noisy(seed, 0.2)))
    with pytest.raises(QuotaExceeded, match="resets at") as refused:
        submission_create(
            owner=author,
            model=model,
            release=published_release,
            files=[("p.csv", predictions_csv(items, noisy(3, 0.2)), None)],
            enqueue=False,
        )
    assert refused.value.http_status == 429 and "resets_at" in refused.value.extra
    assert Submission.objects.filter(model=model).count() == 3


def test_someone_elses_model_cannot_be_used(published_release, author, other_author):
    model = model_create(owner=author, name="Mine")
    with pytest.raises(ApplicationError, match="not one of your models"):
        submission_create(
            owner=other_author,
            model=model,
            release=published_release,
            files=[("p.csv", b"id,label\n", None)],
            enqueue=False,
        )


def test_the_public_leaderboard_ignores_the_private_part_until_the_phase_closes(
    published_release, author, other_author, make_user
):
    items = hidden_items(published_release)
    assert {i.test_part for i in items} == {"public", "private"}
    good = noisy(5, 0.1)

    # Same answers on the public part; on the private part one is right, one always wrong.
    def right_in_private(item):
        return good(item) if item.test_part == "public" else item.label

    def wrong_in_private(item):
        return good(item) if item.test_part == "public" else 1 - item.label

    a = submit(
        published_release,
        author,
        model_create(owner=author, name="A"),
        predictions_csv(items, right_in_private),
    )
    b = submit(
        published_release,
        other_author,
        model_create(owner=other_author, name="B"),
        predictions_csv(items, wrong_in_private),
    )
    public = {row.submission.pk: row for row in leaderboard_rows(published_release)}
    assert public[a.pk].mean == pytest.approx(public[b.pk].mean)
    assert public[a.pk].band == public[b.pk].band == 1
    with pytest.raises(PermissionError):
        leaderboard_rows(published_release, part="private")
    phase_close(published_release, user=make_user("closer", "curator"))
    private = {
        row.submission.pk: row for row in leaderboard_rows(published_release, part="private")
    }
    assert private[a.pk].mean == 1.0 and private[b.pk].mean == 0.0
    assert private[a.pk].band < private[b.pk].band


def test_rank_bands_are_computed_once_per_set_of_ranked_submissions(
    published_release, author, other_author, monkeypatch
):
    import evaluation.services as services

    items = hidden_items(published_release)
    good = submit(
        published_release,
        author,
        model_create(owner=author, name="Good"),
        predictions_csv(items, noisy(7, 0.05)),
    )
    loads = []
    real_load = services.predictions_load
    monkeypatch.setattr(services, "predictions_load", lambda s: loads.append(s.pk) or real_load(s))
    first = {r.submission.pk: (r.band, r.rank_note) for r in leaderboard_rows(published_release)}
    assert loads == [good.pk]
    again = {r.submission.pk: (r.band, r.rank_note) for r in leaderboard_rows(published_release)}
    assert again == first and loads == [good.pk]  # the second view reused the bands

    # A new entry is a new set: its predictions are read and it gets a band of its own.
    poor = submit(
        published_release,
        other_author,
        model_create(owner=other_author, name="Poor"),
        predictions_csv(items, lambda item: 1 - item.label),
    )
    rows = {r.submission.pk: r for r in leaderboard_rows(published_release)}
    assert poor.pk in loads
    assert rows[good.pk].band == 1 and rows[poor.pk].band == 2
    seen = len(loads)
    leaderboard_rows(published_release)
    assert len(loads) == seen
