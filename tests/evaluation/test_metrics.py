"""The scoring metrics against independent references: scikit-learn for accuracy, macro-F1
and AUC, statsmodels for McNemar's test, and a plain index-resampling bootstrap (written here,
the slow textbook way) for the confidence intervals."""

import json

import numpy as np
import pytest
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from statsmodels.stats.contingency_tables import mcnemar

from evaluation.scoring.metrics import (
    SCORER_VERSION,
    TaskGold,
    auc_score,
    mean_accuracy_compare,
    paired_compare,
    rank_bands,
    submission_score,
    task_score,
)
from evaluation.scoring.predictions import prediction_file_read


def random_task(n, positive_rate, seed, score_kind="continuous", skill=0.7):
    """Gold labels, predictions that are right with probability `skill`, and scores."""
    rng = np.random.default_rng(seed)
    gold = (rng.random(n) < positive_rate).astype(int)
    right = rng.random(n) < skill
    predicted = np.where(right, gold, 1 - gold)
    noise = rng.random(n)
    scores = np.clip(0.35 * gold + 0.65 * noise, 0, 1)
    if score_kind == "ties":
        scores = np.round(scores, 1)  # about 10 distinct values: many tied scores
    elif score_kind == "constant":
        scores = np.full(n, 0.5)
    return gold, predicted, scores


def naive_bootstrap(n, statistic, resamples, seed):
    """Resample item indices with replacement and apply `statistic` to each resample."""
    rng = np.random.default_rng(seed)
    return np.array([statistic(rng.integers(0, n, n)) for _ in range(resamples)])


def percentile_ci(samples):
    samples = samples[np.isfinite(samples)]
    return np.percentile(samples, [2.5, 97.5])


@pytest.mark.parametrize("n", [7, 60, 1000, 20000])
@pytest.mark.parametrize("positive_rate", [0.08, 0.5, 0.9])
@pytest.mark.parametrize("score_kind", ["continuous", "ties", "constant"])
def test_point_metrics_equal_scikit_learn(n, positive_rate, score_kind):
    gold, predicted, scores = random_task(n, positive_rate, seed=n, score_kind=score_kind)
    result = task_score(gold, predicted, scores=scores, task="t1", resamples=200)
    assert result.accuracy.value == pytest.approx(accuracy_score(gold, predicted), abs=1e-12)
    assert result.macro_f1.value == pytest.approx(
        f1_score(gold, predicted, average="macro"), abs=1e-12
    )
    if 0 < gold.sum() < n:
        assert result.auc.value == pytest.approx(roc_auc_score(gold, scores), abs=1e-12)
        assert auc_score(gold, scores) == pytest.approx(roc_auc_score(gold, scores), abs=1e-12)
    else:
        assert result.auc.value is None and "one class" in result.auc.reason


def test_macro_f1_when_a_class_is_absent_matches_scikit_learn():
    cases = [
        ([1, 1, 1], [1, 1, 1]),  # one class in both: only that class counts
        ([1, 1, 1], [0, 0, 0]),
        ([1, 1, 0], [1, 1, 1]),  # class 0 never predicted
        ([0, 0, 0, 0], [0, 1, 0, 0]),
    ]
    for gold, predicted in cases:
        result = task_score(gold, predicted, resamples=50)
        expected = f1_score(gold, predicted, average="macro", zero_division=0)
        assert result.macro_f1.value == pytest.approx(expected), (gold, predicted)


def test_auc_is_none_with_a_reason_when_the_gold_has_one_class_and_json_has_no_nan():
    gold = np.ones(50, dtype=int)
    result = task_score(gold, gold, scores=np.linspace(0, 1, 50), task="t2", resamples=100)
    with pytest.warns(UndefinedMetricWarning):  # scikit-learn: undefined too (NaN)
        assert np.isnan(roc_auc_score(gold, np.linspace(0, 1, 50)))
    assert result.auc.value is None and result.auc.ci_low is None
    assert "only one class" in result.auc.reason
    text = json.dumps(result.to_dict(), allow_nan=False)
    assert json.loads(text)["scorer_version"] == SCORER_VERSION
    no_scores = task_score(gold, gold, resamples=100)
    assert no_scores.auc.value is None and "no scores" in no_scores.auc.reason


@pytest.mark.parametrize("size", [30, 400, 5000])
def test_mcnemar_equals_statsmodels(size):
    rng = np.random.default_rng(size)
    for _ in range(5):
        correct_a = rng.random(size) < 0.75
        correct_b = rng.random(size) < rng.uniform(0.6, 0.8)
        result = paired_compare(correct_a, correct_b, resamples=200, seed=1)
        table = np.array(
            [
                [np.sum(correct_a & correct_b), np.sum(correct_a & ~correct_b)],
                [np.sum(~correct_a & correct_b), np.sum(~correct_a & ~correct_b)],
            ]
        )
        expected = mcnemar(table, exact=False, correction=True)
        assert result.mcnemar_statistic == pytest.approx(expected.statistic, rel=1e-12)
        assert result.mcnemar_p_value == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-300)
        assert result.accuracy_a - result.accuracy_b == pytest.approx(result.difference.value)


def test_mcnemar_with_equal_discordant_counts_equals_statsmodels():
    # 3 items only A gets right, 3 only B: statsmodels' corrected statistic is (0-1)^2/6.
    correct_a = np.array([1, 1, 1, 0, 0, 0, 1, 1])
    correct_b = np.array([0, 0, 0, 1, 1, 1, 1, 1])
    result = paired_compare(correct_a, correct_b, resamples=100)
    expected = mcnemar([[2, 3], [3, 0]], exact=False, correction=True)
    assert result.mcnemar_statistic == pytest.approx(expected.statistic)
    assert result.mcnemar_p_value == pytest.approx(expected.pvalue)


def test_identical_submissions_have_no_mcnemar_statistic_and_bootstrap_p_one():
    # statsmodels divides by zero here (statistic inf, p 0): we report None with a reason.
    correct = np.random.default_rng(3).random(300) < 0.7
    result = paired_compare(correct, correct, resamples=500)
    assert result.mcnemar_statistic is None and result.mcnemar_p_value is None
    assert "same items" in result.mcnemar_reason
    assert result.difference.value == 0 and result.bootstrap_p_value == 1.0
    json.dumps(result.to_dict(), allow_nan=False)


def test_cis_contain_the_point_estimate_and_are_seeded():
    gold, predicted, scores = random_task(3000, 0.4, seed=5)
    categories = np.random.default_rng(5).choice(["Beauty", "Books", "Toys"], size=3000)
    gold_set = TaskGold(gold, categories=categories)
    first = task_score(gold_set, predicted, scores=scores, task="t1", seed=11)
    again = task_score(gold_set, predicted, scores=scores, task="t1", seed=11)
    other = task_score(gold_set, predicted, scores=scores, task="t1", seed=12)
    assert first.to_dict() == again.to_dict()
    assert first.accuracy.ci_low != other.accuracy.ci_low or first.auc.ci_low != other.auc.ci_low
    assert first.resamples >= 1000
    estimates = [first.accuracy, first.macro_f1, first.auc]
    for category in first.by_category:
        estimates += [category.accuracy, category.macro_f1, category.auc]
    for estimate in estimates:
        assert estimate.ci_low <= estimate.value <= estimate.ci_high
        assert estimate.ci_low < estimate.ci_high
    assert [c.category for c in first.by_category] == ["Beauty", "Books", "Toys"]
    assert sum(c.n for c in first.by_category) == 3000
    books = categories == "Books"
    books_score = next(c for c in first.by_category if c.category == "Books")
    assert books_score.accuracy.value == pytest.approx(
        accuracy_score(gold[books], predicted[books])
    )
    assert books_score.auc.value == pytest.approx(roc_auc_score(gold[books], scores[books]))


def test_category_codes_with_names_give_the_same_result_as_names():
    gold, predicted, scores = random_task(2000, 0.5, seed=8)
    codes = np.random.default_rng(8).integers(0, 3, size=2000)
    names = np.array(["a", "b", "c"])
    by_name = task_score(TaskGold(gold, names[codes]), predicted, scores=scores, task="t3")
    by_code = task_score(
        TaskGold(gold, codes, category_names=["a", "b", "c"]), predicted, scores=scores, task="t3"
    )
    assert by_name.to_dict() == by_code.to_dict()


def test_cis_narrow_with_n():
    widths = {}
    for n in (400, 40000):
        gold, predicted, scores = random_task(n, 0.5, seed=n)
        result = task_score(gold, predicted, scores=scores, resamples=1000)
        widths[n] = {
            name: getattr(result, name).ci_high - getattr(result, name).ci_low
            for name in ("accuracy", "macro_f1", "auc")
        }
    for name in ("accuracy", "macro_f1", "auc"):
        # 100 times the items: about a tenth of the width (1/sqrt(n)).
        assert widths[40000][name] < widths[400][name] / 6, name
        assert widths[40000][name] > widths[400][name] / 16, name


@pytest.mark.parametrize(
    ("score_kind", "auc_blocks"),
    [("ties", 1024), ("continuous", 1024), ("continuous", 16)],
)
def test_fast_bootstrap_cis_agree_with_naive_index_resampling(score_kind, auc_blocks):
    # 16 blocks for 300 distinct scores exercises the within-block approximation.
    n, resamples = 300, 2000
    gold, predicted, scores = random_task(n, 0.45, seed=21, score_kind=score_kind)
    fast = task_score(
        gold, predicted, scores=scores, resamples=resamples, seed=4, auc_blocks=auc_blocks
    )

    def macro_f1(idx):
        g, p = gold[idx], predicted[idx]
        f1s = []
        for cls in (0, 1):
            tp = np.sum((g == cls) & (p == cls))
            den = 2 * tp + np.sum((g != cls) & (p == cls)) + np.sum((g == cls) & (p != cls))
            if den:
                f1s.append(2 * tp / den)
        return np.mean(f1s)

    def auc(idx):
        g = gold[idx]
        return roc_auc_score(g, scores[idx]) if 0 < g.sum() < n else np.nan

    naive = {
        "accuracy": naive_bootstrap(n, lambda i: np.mean(gold[i] == predicted[i]), resamples, 9),
        "macro_f1": naive_bootstrap(n, macro_f1, resamples, 10),
        "auc": naive_bootstrap(n, auc, resamples, 11),
    }
    for name, samples in naive.items():
        low, high = percentile_ci(samples)
        estimate = getattr(fast, name)
        half_width = (high - low) / 2
        # Monte Carlo error of a 2.5% quantile from 2,000 resamples is about 0.005 here; the
        # interval's half-width is about 0.05.
        assert estimate.ci_low == pytest.approx(low, abs=0.015), name
        assert estimate.ci_high == pytest.approx(high, abs=0.015), name
        assert (estimate.ci_high - estimate.ci_low) / 2 == pytest.approx(half_width, rel=0.15)


def test_category_cis_agree_with_naive_resampling_within_the_category():
    n, resamples = 600, 2000
    gold, predicted, scores = random_task(n, 0.5, seed=31)
    categories = np.where(np.arange(n) < 250, "small", "large")
    fast = task_score(
        TaskGold(gold, categories), predicted, scores=scores, resamples=resamples, seed=2
    )
    small = next(c for c in fast.by_category if c.category == "small")
    g, p, s = gold[:250], predicted[:250], scores[:250]
    accuracy = naive_bootstrap(250, lambda i: np.mean(g[i] == p[i]), resamples, 5)
    auc = naive_bootstrap(250, lambda i: roc_auc_score(g[i], s[i]), resamples, 6)
    for estimate, samples in ((small.accuracy, accuracy), (small.auc, auc)):
        low, high = percentile_ci(samples)
        assert estimate.ci_low == pytest.approx(low, abs=0.02)
        assert estimate.ci_high == pytest.approx(high, abs=0.02)


def test_paired_bootstrap_agrees_with_naive_paired_resampling():
    n, resamples = 400, 3000
    rng = np.random.default_rng(17)
    correct_a = rng.random(n) < 0.78
    # B agrees with A on most items: a paired design, far narrower than two independent CIs.
    correct_b = np.where(rng.random(n) < 0.85, correct_a, rng.random(n) < 0.7)
    fast = paired_compare(correct_a, correct_b, resamples=resamples, seed=3)
    naive = naive_bootstrap(
        n, lambda i: correct_a[i].mean() - correct_b[i].mean(), resamples, seed=8
    )
    low, high = percentile_ci(naive)
    assert fast.difference.value == pytest.approx(correct_a.mean() - correct_b.mean())
    assert fast.difference.ci_low == pytest.approx(low, abs=0.008)
    assert fast.difference.ci_high == pytest.approx(high, abs=0.008)
    naive_p = min(1.0, 2 * (min(np.sum(naive <= 0), np.sum(naive >= 0)) + 1) / (resamples + 1))
    assert fast.bootstrap_p_value == pytest.approx(naive_p, abs=0.03)


def test_paired_comparison_detects_a_real_difference_and_not_a_tiny_one():
    rng = np.random.default_rng(23)
    n = 3000
    leader = rng.random(n) < 0.80
    much_worse = np.where(rng.random(n) < 0.3, False, leader)  # about 24 points lower
    nearly_same = leader.copy()
    nearly_same[np.flatnonzero(leader)[:3]] = False  # 3 items of 3,000
    worse = paired_compare(much_worse, leader, resamples=1000)
    assert worse.difference.ci_high < 0
    assert worse.bootstrap_p_value < 0.01 and worse.mcnemar_p_value < 1e-10
    same = paired_compare(nearly_same, leader, resamples=1000)
    assert same.difference.ci_low <= 0 <= same.difference.ci_high
    assert same.bootstrap_p_value > 0.05 and same.mcnemar_p_value > 0.05


def make_entry(key, accuracy_by_task, seed, n=2000):
    rng = np.random.default_rng(seed)
    return {
        "key": key,
        "correct": {task: rng.random(n) < accuracy for task, accuracy in accuracy_by_task.items()},
    }


def perturbed(key, base, lose, gain, seed):
    """`base` with `lose` right items made wrong and `gain` wrong items made right, per task."""
    rng = np.random.default_rng(seed)
    correct = {}
    for task, values in base["correct"].items():
        values = values.copy()
        right, wrong = np.flatnonzero(values), np.flatnonzero(~values)
        values[rng.choice(right, lose, replace=False)] = False
        values[rng.choice(wrong, gain, replace=False)] = True
        correct[task] = values
    return {"key": key, "correct": correct}


def test_rank_bands_group_entries_indistinguishable_from_the_band_leader():
    tasks = ("t1", "t2", "t3")
    top = make_entry("top", dict.fromkeys(tasks, 0.80), seed=1)
    # Disagrees with top on 18 items per task, 10 to 8 in top's favour: not a real difference.
    close = perturbed("close", top, lose=10, gain=8, seed=2)
    low = make_entry("low", dict.fromkeys(tasks, 0.70), seed=3)
    low_close = perturbed("low-close", low, lose=9, gain=8, seed=4)
    # Loses 15 items per task and gains none: 45 one-sided disagreements are a real difference.
    below_low = perturbed("below-low", low, lose=15, gain=0, seed=5)
    # Given out of order: the bands follow mean accuracy.
    bands = rank_bands([low, below_low, top, low_close, close], resamples=1000, seed=0)
    assert [(e.key, e.band, e.band_leader) for e in bands.entries] == [
        ("top", 1, "top"),
        ("close", 1, "top"),
        ("low", 2, "low"),
        ("low-close", 2, "low"),
        ("below-low", 3, "below-low"),
    ]
    assert bands.entries[0].vs_band_leader is None
    close_vs_top = bands.entries[1].vs_band_leader
    assert close_vs_top.bootstrap_p_value >= 0.05
    assert close_vs_top.difference.value == pytest.approx(2 / 2000, abs=1e-12)
    payload = bands.to_dict()
    assert payload["scorer_version"] == SCORER_VERSION
    json.dumps(payload, allow_nan=False)


def test_rank_bands_accept_precomputed_comparisons():
    tasks = ("t1",)
    a = make_entry("a", dict.fromkeys(tasks, 0.9), seed=1)
    b = make_entry("b", dict.fromkeys(tasks, 0.5), seed=2)
    bands = rank_bands([a, b], compare=lambda leader, entry: 0.5)  # "never distinguishable"
    assert [e.band for e in bands.entries] == [1, 1]


def test_mean_accuracy_comparison_averages_tasks():
    a = make_entry("a", {"t1": 0.8, "t2": 0.6}, seed=5)
    b = perturbed("b", a, lose=100, gain=20, seed=6)
    result = mean_accuracy_compare(a["correct"], b["correct"], resamples=1000)
    expected = np.mean([a["correct"][t].mean() - b["correct"][t].mean() for t in ("t1", "t2")])
    assert result.difference.value == pytest.approx(expected)
    assert result.difference.ci_low < expected < result.difference.ci_high


def test_submission_score_from_a_validated_file():
    n = 500
    ids = [f"t{t}-{i:04d}" for t in (1, 2) for i in range(n)]
    gold, predicted, scores = {}, {}, {}
    lines = ["task,id,label,score"]
    for task_number in (1, 2):
        task = f"t{task_number}"
        g, p, s = random_task(n, 0.55, seed=task_number)
        gold[task], predicted[task], scores[task] = g, p, s
        for i in range(n):
            lines.append(f"{task},{task}-{i:04d},{p[i]},{s[i]:.6f}")
    expected_ids = {
        "t1": [i for i in ids if i.startswith("t1")],
        "t2": [i for i in ids if i.startswith("t2")],
    }
    parsed = prediction_file_read("\n".join(lines).encode(), "sub.csv", expected_ids)
    assert parsed.ok, parsed.problems
    leader = {task: 1 - gold[task] for task in gold}  # a leader that is always wrong
    result = submission_score(
        {task: TaskGold(gold[task]) for task in gold},
        parsed.predictions,
        leader=leader,
        resamples=1000,
    )
    accuracies = [accuracy_score(gold[t], predicted[t]) for t in ("t1", "t2")]
    assert result.mean_accuracy == pytest.approx(np.mean(accuracies))
    for task in ("t1", "t2"):
        score = result.tasks[task]
        assert score.auc.value == pytest.approx(
            roc_auc_score(gold[task], np.round(scores[task], 6))
        )
        assert score.vs_leader.accuracy_b == 0.0
        assert score.vs_leader.difference.value == pytest.approx(score.accuracy.value)
    payload = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert payload["scorer_version"] == SCORER_VERSION
    assert payload["tasks"]["t1"]["scorer_version"] == SCORER_VERSION
    assert payload["tasks"]["t1"]["vs_leader"]["scorer_version"] == SCORER_VERSION


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        task_score([0, 1, 2], [0, 1, 1])
    with pytest.raises(ValueError):
        task_score([0, 1], [0, 1, 1])
    with pytest.raises(ValueError):
        task_score([0, 1], [0, 1], scores=[0.1, np.nan])
    with pytest.raises(ValueError):
        paired_compare([1, 0], [1])
