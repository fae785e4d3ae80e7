"""Agreement statistics, annotator quality and gold labels against published reference values.

Reference values come from sources independent of this code: the Wikipedia worked examples
(Fleiss' kappa, Cohen's kappa), the krippendorff package's documented examples (Krippendorff
2011), the irrCAC package vignette by K. Gwet (Gwet's AC1, alpha, percent agreement), and
statsmodels, krippendorff, scikit-learn and crowd-kit computed live in the tests.
"""

import csv
import importlib.util
import io
import json
import math
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest
from crowdkit.aggregation import DawidSkene as CrowdKitDawidSkene
from django.core.management import call_command
from django.core.management.base import CommandError
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

from accounts.errors import ApplicationError
from annotation.agreement import (
    NO_PAIRS,
    ONE_LABEL,
    Judgement,
    QualityThresholds,
    agreement_by_group_compute,
    agreement_compute,
    agreement_counts_compute,
    agreement_report_compute,
    annotator_quality_compute,
    cohen_pairs_compute,
    dawid_skene_fit,
    gold_labels_compute,
    label_file_read,
    vote_splits_compute,
    vote_table_build,
)
from annotation.agreement.coefficients import _bootstrap_sums, _Features

DATA = Path(__file__).resolve().parent / "data"
# crowd-kit 1.4 calls pandas APIs that pandas 3 deprecates; not ours to fix.
crowdkit_warnings = pytest.mark.filterwarnings("ignore:The (inplace|copy) keyword")
CROWD_FILE = DATA / "crowd_labels.csv"

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
WIKIPEDIA_FLEISS = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
)
NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", p. 8: 4 observers x 12
# units with missing values; the same data is irrCAC's cac.raw4raters.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
)
# The first docstring example of krippendorff.alpha: 3 coders x 15 units, nominal 0.691358.
KRIPPENDORFF_DOC = np.array(
    [
        [NAN, NAN, NAN, NAN, NAN, 3, 4, 1, 2, 1, 1, 3, 3, NAN, 3],
        [1, NAN, 2, 1, 3, 3, 4, 3, NAN, NAN, NAN, NAN, NAN, NAN, NAN],
        [NAN, NAN, 2, 1, 3, 4, 4, NAN, 2, 1, 1, 3, 3, NAN, 4],
    ]
)
# irrCAC vignette: distrib.6raters (15 patients, 6 psychiatrists, 5 diagnoses).
DISTRIB_6RATERS = np.array(
    [
        [0, 0, 0, 6, 0],
        [0, 3, 0, 0, 3],
        [0, 1, 4, 0, 1],
        [0, 0, 0, 0, 6],
        [0, 3, 0, 3, 0],
        [2, 0, 4, 0, 0],
        [0, 0, 4, 0, 2],
        [2, 0, 3, 1, 0],
        [2, 0, 0, 4, 0],
        [0, 0, 0, 0, 6],
        [1, 0, 0, 5, 0],
        [1, 1, 0, 4, 0],
        [0, 3, 3, 0, 0],
        [1, 0, 0, 5, 0],
        [0, 2, 0, 3, 1],
    ]
)
# irrCAC vignette: cont3x3abstractors, a 3x3 contingency table of 2 raters on 100 subjects.
CONT3X3 = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
# Wikipedia, "Cohen's kappa", simple example: 50 proposals, A and B say yes/no.
# yes/yes 20, A yes B no 5, A no B yes 10, no/no 15 -> kappa 0.4.
WIKIPEDIA_COHEN = [(1, 1, 20), (1, 0, 5), (0, 1, 10), (0, 0, 15)]


def counts_from_ratings(ratings: np.ndarray, values) -> np.ndarray:
    """(raters x units) ratings with NaN for missing -> (units x categories) counts."""
    return np.stack([(ratings == v).sum(axis=0) for v in values], axis=1)


def counts_from_contingency(table: np.ndarray) -> np.ndarray:
    rows = []
    for a in range(table.shape[0]):
        for b in range(table.shape[1]):
            for _ in range(table[a, b]):
                row = np.zeros(table.shape[0], dtype=int)
                row[a] += 1
                row[b] += 1
                rows.append(row)
    return np.array(rows)


def vectorised(counts) -> dict[str, float]:
    features = _Features(counts)
    return {k: float(v[0]) for k, v in features.statistics(features.matrix.sum(axis=0)).items()}


def wikipedia_cohen_judgements():
    judgements = []
    n = 0
    for a, b, times in WIKIPEDIA_COHEN:
        for _ in range(times):
            judgements += [(f"p{n}", "A", a), (f"p{n}", "B", b)]
            n += 1
    return judgements


def random_judgements(seed=7, items=120, annotators=9, votes=(5, 5, 5, 3, 2, 1)):
    """Binary judgements with varying vote counts per item (some items short of votes)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(items):
        truth = int(rng.random() < 0.6)
        k = int(rng.choice(votes))
        for a in rng.choice(annotators, size=k, replace=False):
            right = rng.random() < 0.8
            out.append((f"i{i}", f"a{a}", truth if right else 1 - truth, float(rng.uniform(2, 20))))
    return out


def crowd_frame() -> pd.DataFrame:
    df = pd.read_csv(CROWD_FILE, dtype={"item": str, "annotator": str})
    return df[["item", "annotator", "label"]].rename(
        columns={"item": "task", "annotator": "worker"}
    )


# --- published reference values ---------------------------------------------------------------


def test_fleiss_kappa_matches_the_wikipedia_worked_example():
    assert fleiss_kappa(WIKIPEDIA_FLEISS) == pytest.approx(0.210, abs=5e-4)
    result = agreement_counts_compute(WIKIPEDIA_FLEISS, resamples=0)
    assert result.fleiss_kappa.value == pytest.approx(0.210, abs=5e-4)
    assert result.fleiss_kappa.items == 10
    # The vectorised formula (used for the bootstrap) equals the library's point value.
    assert vectorised(WIKIPEDIA_FLEISS)["fleiss_kappa"] == pytest.approx(
        fleiss_kappa(WIKIPEDIA_FLEISS), abs=1e-12
    )
    # Wikipedia's Pbar = 0.378 is the mean pairwise agreement.
    assert result.percent_agreement.value == pytest.approx(0.378, abs=5e-4)


def test_krippendorff_alpha_matches_the_documented_examples():
    # Krippendorff (2011) data, nominal: 0.743 (the package's docstring; irrCAC: 0.74342).
    counts = counts_from_ratings(KRIPPENDORFF_2011, [1, 2, 3, 4, 5])
    result = agreement_counts_compute(counts, resamples=0)
    assert result.krippendorff_alpha.value == pytest.approx(0.743, abs=5e-4)
    assert result.krippendorff_alpha.value == pytest.approx(0.74342, abs=5e-6)
    assert vectorised(counts)["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=KRIPPENDORFF_2011, level_of_measurement="nominal"),
        abs=1e-12,
    )
    doc_counts = counts_from_ratings(KRIPPENDORFF_DOC, [1, 2, 3, 4])
    assert agreement_counts_compute(doc_counts, resamples=0).krippendorff_alpha.value == (
        pytest.approx(0.691358, abs=5e-7)
    )
    assert vectorised(doc_counts)["krippendorff_alpha"] == pytest.approx(0.691358, abs=5e-7)


def test_gwet_ac1_alpha_and_percent_agreement_match_the_irrcac_vignette():
    raw = agreement_counts_compute(
        counts_from_ratings(KRIPPENDORFF_2011, [1, 2, 3, 4, 5]), resamples=0
    )
    assert raw.percent_agreement.value == pytest.approx(0.8181818, abs=5e-8)
    assert raw.gwet_ac1.value == pytest.approx(0.77544, abs=5e-6)
    assert raw.percent_agreement.items == 11  # unit 12 has a single rating

    dist = agreement_counts_compute(DISTRIB_6RATERS, resamples=0)
    assert dist.gwet_ac1.value == pytest.approx(0.4448007, abs=5e-8)
    assert dist.fleiss_kappa.value == pytest.approx(0.4139265, abs=5e-8)
    assert dist.krippendorff_alpha.value == pytest.approx(0.4204384, abs=5e-8)
    assert dist.percent_agreement.value == pytest.approx(0.5511111, abs=5e-8)

    table = agreement_counts_compute(counts_from_contingency(CONT3X3), resamples=0)
    assert table.gwet_ac1.value == pytest.approx(0.8493305, abs=5e-8)
    assert table.krippendorff_alpha.value == pytest.approx(0.7972585, abs=5e-8)
    assert table.percent_agreement.value == pytest.approx(0.89)


def test_cohen_kappa_matches_the_wikipedia_example_pairwise_and_against_the_loo_majority():
    judgements = wikipedia_cohen_judgements()
    pairs = cohen_pairs_compute(vote_table_build(judgements), min_shared=10)
    assert len(pairs.pairs) == 1
    pair = pairs.pairs[0]
    assert (pair.annotator_a, pair.annotator_b, pair.shared) == ("A", "B", 50)
    assert pair.kappa == pytest.approx(0.4)
    assert pair.agreement == pytest.approx(0.7)
    assert pairs.matrix == [[None, pytest.approx(0.4)], [pytest.approx(0.4), None]]
    # With two annotators the leave-one-out majority is the other's label.
    quality = {q.annotator: q for q in annotator_quality_compute(judgements)}
    assert quality["A"].loo_kappa == pytest.approx(0.4)
    assert quality["A"].loo_agreement == pytest.approx(0.7)


def test_gwet_ac1_equals_gwets_two_rater_formula_on_the_wikipedia_table():
    (a, _, n11), (_, _, n10), (_, _, n01), (_, _, n00) = WIKIPEDIA_COHEN
    n = n11 + n10 + n01 + n00
    pa = (n11 + n00) / n
    q1 = ((n11 + n10) + (n11 + n01)) / (2 * n)  # Gwet (2008), eq. for 2 raters, 2 categories
    pe = 2 * q1 * (1 - q1)
    expected = (pa - pe) / (1 - pe)
    result = agreement_compute(wikipedia_cohen_judgements(), resamples=0)
    assert result.gwet_ac1.value == pytest.approx(expected)
    assert result.gwet_ac1.value == pytest.approx(0.4059, abs=1e-4)


# --- binary data against the libraries ---------------------------------------------------------


def test_binary_statistics_with_missing_votes_equal_the_libraries():
    judgements = random_judgements()
    table = vote_table_build(judgements)
    result = agreement_compute(judgements, resamples=0)
    votes = table.votes
    complete = table.counts[votes == 5]
    assert result.fleiss_kappa.items == len(complete)
    assert result.fleiss_kappa.value == pytest.approx(fleiss_kappa(complete), abs=1e-12)
    # alpha from the raw annotator x item matrix with NaN for missing votes.
    matrix = np.full((len(table.annotators), len(table.items)), np.nan)
    matrix[table.annotator_index, table.item_index] = table.labels
    expected_alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert result.krippendorff_alpha.value == pytest.approx(expected_alpha, abs=1e-12)
    assert result.krippendorff_alpha.items == int((votes >= 2).sum())
    # Gwet's AC1 by a plain loop over items (Gwet 2008, multiple raters, missing ratings).
    pairable = [(c0, c1) for c0, c1 in table.counts if c0 + c1 >= 2]
    pa = np.mean(
        [(c0 * (c0 - 1) + c1 * (c1 - 1)) / ((c0 + c1) * (c0 + c1 - 1)) for c0, c1 in pairable]
    )
    pi1 = np.mean([c1 / (c0 + c1) for c0, c1 in table.counts])
    pe = pi1 * (1 - pi1) + (1 - pi1) * pi1
    assert result.gwet_ac1.value == pytest.approx((pa - pe) / (1 - pe), abs=1e-12)
    assert result.percent_agreement.value == pytest.approx(pa, abs=1e-12)
    assert result.positive_rate.value == pytest.approx(np.mean([j[2] for j in judgements]))


def test_pairwise_cohen_matrix_equals_scikit_learn_for_pairs_with_enough_shared_items():
    judgements = random_judgements(seed=3, items=200, annotators=6)
    result = cohen_pairs_compute(vote_table_build(judgements), min_shared=10)
    labels = {(j[0], j[1]): j[2] for j in judgements}
    by_annotator: dict[str, set] = {}
    for item, annotator in labels:
        by_annotator.setdefault(annotator, set()).add(item)
    expected = {}
    for a in by_annotator:
        for b in by_annotator:
            shared = sorted(by_annotator[a] & by_annotator[b])
            if a < b and len(shared) >= 10:
                expected[(a, b)] = cohen_kappa_score(
                    [labels[(i, a)] for i in shared], [labels[(i, b)] for i in shared]
                )
    assert {(p.annotator_a, p.annotator_b) for p in result.pairs} == set(expected)
    for p in result.pairs:
        assert p.kappa == pytest.approx(expected[(p.annotator_a, p.annotator_b)], abs=1e-12)
    few = cohen_pairs_compute(vote_table_build(judgements), min_shared=10_000)
    assert few.pairs == [] and few.median is None and "10000" in few.reason


def test_bootstrap_statistics_equal_the_libraries_on_each_resample():
    """The vectorised bootstrap gives exactly what the libraries give on the resampled items."""
    table = vote_table_build(random_judgements(seed=11, items=60))
    features = _Features(table.counts)
    sums = _bootstrap_sums(features.matrix, 30, np.random.default_rng(5))
    stats = features.statistics(sums)
    draws = np.random.default_rng(5).integers(0, 60, size=(30, 60), dtype=np.int32)
    for b in range(30):
        counts = table.counts[draws[b]]
        complete = counts[counts.sum(axis=1) == features.m]
        assert stats["fleiss_kappa"][b] == pytest.approx(fleiss_kappa(complete), abs=1e-12)
        pairable = counts[counts.sum(axis=1) >= 2]
        assert stats["krippendorff_alpha"][b] == pytest.approx(
            krippendorff.alpha(value_counts=pairable, level_of_measurement="nominal"), abs=1e-12
        )


def test_intervals_are_seeded_and_contain_the_estimate():
    judgements = random_judgements(seed=5, items=300)
    first = agreement_compute(judgements, resamples=300, seed=1)
    again = agreement_compute(judgements, resamples=300, seed=1)
    other = agreement_compute(judgements, resamples=300, seed=2)
    for name in ("percent_agreement", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1"):
        e = getattr(first, name)
        assert e.ci_low < e.value < e.ci_high, name
        assert (e.ci_low, e.ci_high) == (getattr(again, name).ci_low, getattr(again, name).ci_high)
        assert e.ci_low != getattr(other, name).ci_low
        assert e.value == getattr(other, name).value


# --- Dawid-Skene against crowd-kit -------------------------------------------------------------


def test_shipped_crowd_file_is_what_its_seeded_script_writes(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location(
        "make_crowd_labels", DATA / "make_crowd_labels.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "out.csv")
    module.main()
    assert (tmp_path / "out.csv").read_bytes() == CROWD_FILE.read_bytes()


@crowdkit_warnings
def test_dawid_skene_agrees_with_crowd_kit_on_the_shipped_file():
    judgements = label_file_read(CROWD_FILE).judgements
    table = vote_table_build(judgements)
    # Both run to convergence: the fixed point, not the stopping rule, is what must agree.
    ours = dawid_skene_fit(judgements, max_iterations=1000, tol=1e-12)
    theirs = CrowdKitDawidSkene(n_iter=1000, tol=1e-12).fit(crowd_frame())
    p1 = theirs.probas_.loc[table.items, 1].to_numpy()
    assert ours.converged
    assert np.abs(ours.p1 - p1).max() < 1e-4
    # With the defaults of both, the labels are the same.
    default = dawid_skene_fit(judgements)
    labels = CrowdKitDawidSkene(n_iter=100).fit_predict(crowd_frame()).loc[table.items]
    assert ((default.p1 > 0.5).astype(int) == labels.to_numpy()).all()
    # Its confusion matrices match crowd-kit's errors_ too (observed label x true label).
    errors = theirs.errors_
    for a, name in enumerate(table.annotators):
        for observed in (0, 1):
            for true in (0, 1):
                assert ours.confusion[a, observed, true] == pytest.approx(
                    errors.loc[(name, observed), true], abs=1e-3
                )


@crowdkit_warnings
def test_gold_label_flags_follow_crowd_kit_posteriors_and_the_majority():
    judgements = label_file_read(CROWD_FILE).judgements
    table = vote_table_build(judgements)
    labels = {x.item: x for x in gold_labels_compute(judgements)}
    theirs = CrowdKitDawidSkene(n_iter=1000, tol=1e-12).fit(crowd_frame()).probas_
    ds_disagrees = split = low = 0
    for i, item in enumerate(table.items):
        neg, pos = table.counts[i]
        p1 = theirs.loc[item, 1]
        majority = int(pos > neg)
        assert labels[item].majority == majority  # 5 votes: never a tie
        if (p1 > 0.5) != majority:
            ds_disagrees += 1
            assert "ds_disagrees" in labels[item].flags
        if max(p1, 1 - p1) < 0.8:
            low += 1
            assert "low_posterior" in labels[item].flags
        if {pos, neg} == {3, 2}:
            split += 1
            assert "split" in labels[item].flags and labels[item].needs_adjudication
    flagged = {f: sum(f in x.flags for x in labels.values()) for f in ("split", "ds_disagrees")}
    assert flagged == {"split": split, "ds_disagrees": ds_disagrees}
    assert sum("low_posterior" in x.flags for x in labels.values()) == low
    assert ds_disagrees > 0 and low > 0  # the file is noisy enough to exercise the flags


def test_dawid_skene_accuracy_finds_the_spammers_in_the_shipped_file():
    quality = annotator_quality_compute(label_file_read(CROWD_FILE).judgements)
    worst = sorted(quality, key=lambda q: q.ds_accuracy)[:2]
    assert {q.annotator for q in worst} == {"w05", "w17"}  # the two random answerers
    for q in worst:
        assert "low_ds_accuracy" in q.flags and "too_fast" in q.flags


# --- gold labels, ties and splits --------------------------------------------------------------


def votes_for(item, labels):
    return [(item, f"a{n}", y) for n, y in enumerate(labels)]


def test_majority_vote_has_an_explicit_tie_policy_and_split_flags():
    judgements = (
        votes_for("tie", [1, 1, 0, 0])
        + votes_for("three-one", [1, 1, 1, 0])
        + votes_for("three-two", [0, 0, 0, 1, 1])
        + votes_for("four-one", [1, 1, 1, 1, 0])
        + votes_for("unanimous", [0, 0, 0, 0, 0])
        + votes_for("two-zero", [1, 1])
    )
    labels = {x.item: x for x in gold_labels_compute(judgements)}
    assert labels["tie"].majority is None  # never silently 0
    assert "tie" in labels["tie"].flags and labels["tie"].needs_adjudication
    assert "split" in labels["three-one"].flags
    assert labels["three-two"].majority == 0 and "split" in labels["three-two"].flags
    assert labels["four-one"].majority == 1 and "split" not in labels["four-one"].flags
    assert labels["unanimous"].majority == 0 and not labels["unanimous"].needs_adjudication
    assert labels["two-zero"].flags == ["few_votes"]  # informational, not for adjudication
    assert not labels["two-zero"].needs_adjudication
    assert all(0.0 <= x.ds_p1 <= 1.0 for x in labels.values())


def test_vote_split_histogram_generalises_to_any_vote_count():
    judgements = (
        votes_for("a", [1, 1, 1, 1, 1])
        + votes_for("b", [0, 0, 0, 0, 1])
        + votes_for("c", [1, 1, 1, 0, 0])
        + votes_for("d", [1, 1, 0, 0, 0])
        + votes_for("e", [1, 1, 0, 0])
    )
    splits = {s.votes: s for s in vote_splits_compute(vote_table_build(judgements))}
    five = {x.split: (x.items, x.positive_majority) for x in splits[5].splits}
    assert five == {"5-0": (1, 1), "4-1": (1, 0), "3-2": (2, 1)}
    four = {x.split: x.items for x in splits[4].splits}
    assert four == {"4-0": 0, "3-1": 0, "2-2": 1}
    assert splits[5].items == 4 and splits[5].splits[2].share == pytest.approx(0.5)


def test_control_items_give_control_accuracy_and_a_disagreement_flag():
    judgements = []
    for i in range(12):
        judgements += [(f"c{i}", "good", 1), (f"c{i}", "bad", 0), (f"c{i}", "ok", 1)]
    gold = {f"c{i}": 1 for i in range(12)}
    gold["c0"] = 0  # the crowd says 1 on c0, the curator's answer is 0
    quality = {q.annotator: q for q in annotator_quality_compute(judgements, gold=gold)}
    assert quality["good"].control_accuracy == pytest.approx(11 / 12)
    assert quality["bad"].control_accuracy == pytest.approx(1 / 12)
    assert quality["bad"].control_judgements == 12
    assert "low_control_accuracy" in quality["bad"].flags
    assert "low_control_accuracy" not in quality["good"].flags
    labels = {x.item: x for x in gold_labels_compute(judgements, gold=gold)}
    assert "control_disagrees" in labels["c0"].flags and labels["c0"].control == 0
    assert "control_disagrees" not in labels["c1"].flags


def test_leave_one_out_majority_excludes_ties_among_the_others():
    judgements = [
        ("x", "a", 1, 5.0),
        ("x", "b", 0, 1.0),
        ("x", "c", 1, 2.0),  # for a: others b=0, c=1 tie -> not compared
        ("y", "a", 1, 7.0),
        ("y", "b", 1, 1.5),
        ("y", "c", 1, 2.5),
        ("z", "a", 0, 9.0),
        ("z", "b", 1, 1.0),
        ("z", "c", 0, None),
    ]
    quality = {q.annotator: q for q in annotator_quality_compute(judgements)}
    # a: x excluded (others tie), y agrees (others 1,1), z agrees (others 1,0 -> tie) -> excluded
    assert quality["a"].loo_compared == 1 and quality["a"].loo_agreement == 1.0
    # b: x others 1,1 -> disagree; y agree; z others 0,0 -> disagree
    assert quality["b"].loo_compared == 3
    assert quality["b"].loo_agreement == pytest.approx(1 / 3)
    assert quality["a"].median_seconds == 7.0
    assert quality["b"].median_seconds == 1.0
    assert quality["c"].median_seconds == pytest.approx(2.25)  # unknown seconds left out
    assert quality["a"].judgements == 3 and quality["a"].positive_rate == pytest.approx(2 / 3)


def test_annotator_flags_for_speed_single_label_and_low_agreement():
    judgements = []
    rng = np.random.default_rng(0)
    for i in range(40):
        truth = int(rng.random() < 0.5)
        for a in ("w1", "w2", "w3"):
            judgements.append(Judgement(f"i{i}", a, truth, 12.0))
        judgements.append(Judgement(f"i{i}", "yes", 1, 1.0))
        judgements.append(Judgement(f"i{i}", "contrary", 1 - truth, 10.0))
    quality = {q.annotator: q for q in annotator_quality_compute(judgements)}
    assert {"single_label", "too_fast"} <= set(quality["yes"].flags)
    assert {"low_loo_agreement", "low_loo_kappa"} <= set(quality["contrary"].flags)
    assert quality["w1"].flags == []
    # No flag on thin evidence: the same pattern on 3 items raises nothing but speed.
    few = annotator_quality_compute(
        [j for j in judgements if j.item in {"i0", "i1", "i2"}], thresholds=QualityThresholds()
    )
    assert {q.annotator: q.flags for q in few}["contrary"] == []


# --- edge cases ------------------------------------------------------------------------------


def assert_json_safe(report):
    text = json.dumps(report.to_dict(), allow_nan=False)  # raises on NaN
    return json.loads(text)


def test_empty_input_gives_an_empty_report_not_a_crash():
    report = agreement_report_compute([])
    data = assert_json_safe(report)
    assert data["agreement"]["items"] == 0
    assert data["agreement"]["fleiss_kappa"]["value"] is None
    assert data["agreement"]["fleiss_kappa"]["reason"] == NO_PAIRS
    assert data["items"] == [] and data["annotators"] == []


def test_all_same_labels_leave_kappa_and_alpha_undefined_with_a_reason():
    judgements = [(f"i{i}", f"a{a}", 1) for i in range(20) for a in range(5)]
    report = agreement_report_compute(judgements, resamples=50)
    a = report.agreement
    assert a.fleiss_kappa.value is None and a.fleiss_kappa.reason == ONE_LABEL
    assert a.krippendorff_alpha.value is None and a.krippendorff_alpha.reason == ONE_LABEL
    assert a.percent_agreement.value == 1.0
    assert a.gwet_ac1.value == 1.0  # AC1 stays defined where kappa is not: Gwet's point
    assert a.positive_rate.value == 1.0
    assert all(p.kappa is None and p.reason for p in a.cohen.pairs)
    assert all(q.loo_kappa is None for q in report.annotators)
    assert_json_safe(report)


def test_a_single_annotator_gives_undefined_agreement_and_no_comparisons():
    judgements = [(f"i{i}", "solo", i % 2) for i in range(30)]
    report = agreement_report_compute(judgements, resamples=50)
    a = report.agreement
    for e in (a.percent_agreement, a.fleiss_kappa, a.krippendorff_alpha, a.gwet_ac1):
        assert e.value is None and e.reason == NO_PAIRS
    assert a.positive_rate.value == pytest.approx(0.5)
    (solo,) = report.annotators
    assert solo.loo_compared == 0 and solo.loo_agreement is None and solo.loo_kappa is None
    assert a.cohen.pairs == [] and a.cohen.reason
    assert_json_safe(report)


def test_fleiss_uses_the_complete_items_and_alpha_all_pairable_ones():
    judgements = (
        votes_for("five1", [1, 1, 1, 1, 0])
        + votes_for("five2", [0, 0, 0, 1, 1])
        + votes_for("five3", [1, 1, 1, 1, 1])
        + votes_for("three", [1, 0, 0])
        + votes_for("one", [1])
    )
    a = agreement_compute(judgements, resamples=0)
    assert a.fleiss_kappa.items == 3 and a.fleiss_kappa.note == "items with 5 votes"
    assert a.fleiss_kappa.value == pytest.approx(fleiss_kappa([[1, 4], [3, 2], [0, 5]]))
    assert a.krippendorff_alpha.items == 4
    assert a.krippendorff_alpha.value == pytest.approx(
        krippendorff.alpha(
            value_counts=[[1, 4], [3, 2], [0, 5], [2, 1]], level_of_measurement="nominal"
        )
    )


def test_bad_judgements_are_refused_with_a_clear_error():
    with pytest.raises(ApplicationError, match="label: 2 is not 0 or 1"):
        vote_table_build([("i", "a", 2)])
    with pytest.raises(ApplicationError, match="judged item 'i' more than once"):
        vote_table_build([("i", "a", 1), ("i", "a", 0)])


# --- groups ------------------------------------------------------------------------------------


def test_statistics_per_task_and_category_equal_those_of_each_subset():
    labels = label_file_read(CROWD_FILE)
    groups = agreement_by_group_compute(
        labels.judgements, labels.item_attributes, resamples=100, seed=3
    )
    assert [g.value for g in groups["task"]] == ["T1", "T2", "T3"]
    assert len(groups["category"]) == 6
    for key in ("task", "category"):
        for group in groups[key]:
            subset = [
                j for j in labels.judgements if labels.item_attributes[j.item][key] == group.value
            ]
            alone = agreement_compute(subset, resamples=0)
            assert group.items == alone.items and group.judgements == len(subset)
            assert group.agreement.fleiss_kappa.value == pytest.approx(alone.fleiss_kappa.value)
            assert group.agreement.gwet_ac1.value == pytest.approx(alone.gwet_ac1.value)
            assert group.agreement.fleiss_kappa.ci_low is not None
            assert sum(q.judgements for q in group.annotators) == len(subset)
    # Items without a value for a key are left out of that key's groups.
    partial = {item: {"task": "T1"} for item in list(labels.item_attributes)[:10]}
    only = agreement_by_group_compute(labels.judgements, partial, resamples=0)
    assert list(only) == ["task"] and only["task"][0].items == 10


# --- the command -----------------------------------------------------------------------------


def run_command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("agreement_report", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def file_counts() -> np.ndarray:
    df = pd.read_csv(CROWD_FILE)
    return (
        df.groupby("item")["label"]
        .agg(["size", "sum"])
        .pipe(lambda t: np.column_stack([t["size"] - t["sum"], t["sum"]]))
    )


def test_command_prints_every_statistic_as_text():
    out, _ = run_command(CROWD_FILE, "--resamples", 200)
    expected_fleiss = fleiss_kappa(file_counts())
    assert f"Fleiss' kappa (items with 5 votes)   {expected_fleiss:.3f}" in out
    for heading in (
        "Vote splits",
        "percent agreement",
        "Krippendorff's alpha (nominal)",
        "Gwet's AC1",
        "positive-label rate",
        "Cohen's kappa, annotator pairs with >= 10 shared items",
        "Annotators (lowest leave-one-out agreement first)",
        "Gold labels: 300 items",
        "By task",
        "By category",
    ):
        assert heading in out, heading
    assert "item0000" in out  # every aggregated label is listed


def test_command_json_is_complete_seeded_and_nan_free():
    out, _ = run_command(CROWD_FILE, "--json", "--seed", 4, "--resamples", 200)
    data = json.loads(out)
    counts = file_counts()
    a = data["agreement"]
    assert a["fleiss_kappa"]["value"] == pytest.approx(fleiss_kappa(counts), abs=1e-12)
    assert a["krippendorff_alpha"]["value"] == pytest.approx(
        krippendorff.alpha(value_counts=counts, level_of_measurement="nominal"), abs=1e-12
    )
    assert a["resamples"] == 200 and a["seed"] == 4
    assert len(data["items"]) == 300 and len(data["annotators"]) == 24
    assert {"task", "category"} == set(data["groups"])
    assert "NaN" not in out
    again, _ = run_command(CROWD_FILE, "--json", "--seed", 4, "--resamples", 200)
    assert again == out
    other, _ = run_command(CROWD_FILE, "--json", "--seed", 5, "--resamples", 200)
    assert json.loads(other)["agreement"]["fleiss_kappa"]["ci_low"] != a["fleiss_kappa"]["ci_low"]


def test_command_reads_control_answers(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("item,label\nitem0000,1\nitem0001,0\n")
    out, _ = run_command(CROWD_FILE, "--json", "--resamples", 0, "--gold", gold)
    items = {x["item"]: x for x in json.loads(out)["items"]}
    assert items["item0000"]["control"] == 1 and items["item0001"]["control"] == 0
    assert items["item0002"]["control"] is None


def write_csv(path: Path, rows) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_command_reports_bad_rows_as_file_line_field_and_prints_no_results(tmp_path):
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            ["item", "annotator", "label", "seconds", "task"],
            ["i1", "a1", "1", "4.5", "T1"],
            ["i1", "a2", "2", "3", "T1"],
            ["", "a3", "0", "", "T1"],
            ["i2", "a1", "yes", "-1", "T2"],
            ["i1", "a1", "0", "", "T1"],
            ["i1", "a4", "1", "", "T2"],
            ["i3", "a1"],
        ],
    )
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError, match="7 problem"):
        call_command("agreement_report", str(bad), stdout=out, stderr=err)
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert lines == [
        "bad.csv:3: label: '2' is not 0 or 1",
        "bad.csv:4: item: empty",
        "bad.csv:5: label: 'yes' is not 0 or 1",
        "bad.csv:5: seconds: '-1' is not a number of seconds >= 0",
        "bad.csv:6: annotator: 'a1' already labelled item 'i1' on line 2",
        "bad.csv:7: task: item 'i1' has task 'T1' on line 2, here 'T2'",
        "bad.csv:8: (line): 2 fields, the header has 5",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty.csv:1: (header): the file is empty"),
        ("item,worker,label\ni1,a1,1\n", "empty.csv:1: (header): missing column annotator"),
        ("i1,a1,1\n", "empty.csv:1: (header): missing column item, annotator, label"),
    ],
)
def test_command_requires_a_header(tmp_path, content, message):
    path = tmp_path / "empty.csv"
    path.write_text(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("agreement_report", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(message)


def test_command_on_a_file_of_one_annotator_reports_undefined_values(tmp_path):
    path = write_csv(
        tmp_path / "solo.csv",
        [["item", "annotator", "label"]] + [[f"i{i}", "a", i % 2] for i in range(8)],
    )
    out, _ = run_command(path, "--json", "--resamples", 20)
    data = json.loads(out)
    assert data["agreement"]["fleiss_kappa"] == {
        "value": None,
        "ci_low": None,
        "ci_high": None,
        "items": 0,
        "reason": NO_PAIRS,
        "note": None,
    }
    text, _ = run_command(path, "--resamples", 20)
    assert "n/a" in text and NO_PAIRS in text
    assert not math.isnan(data["agreement"]["positive_rate"]["value"])
