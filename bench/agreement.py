#!/usr/bin/env python
"""Agreement statistics benchmark: 5,000 items x 5 votes, every statistic with its interval.

Generates a seeded synthetic campaign like the paper's (56 annotators, 5 votes per item, binary
labels; Fleiss' kappa around 0.5) and times ``annotation.agreement.agreement_report_compute``:
vote splits, percent agreement, Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and the
positive-label rate, each with a 1,000-resample bootstrap interval; the pairwise Cohen's kappa
matrix; Dawid-Skene; per-annotator quality; gold labels with flags. It is timed twice: the
whole campaign alone, and with the same statistics per task and per category as well.

    .venv/bin/python bench/agreement.py                 # 5,000 items, 1,000 resamples
    .venv/bin/python bench/agreement.py --items 1000    # a quick run

Target (issue 6): the whole campaign in at most 2 seconds. Prints PASS/FAIL (exit status 1 on
FAIL) and writes bench/results/agreement.json with the machine. Imports and data generation
are not timed; one untimed warm-up run comes first, then the median of ``--repeat`` runs.
No database is used.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from import_catalog import host_info  # noqa: E402  (same folder: the shared machine facts)

RESULTS = ROOT / "bench" / "results"
TARGET_SECONDS = 2.0

TASKS = ("T1", "T2", "T3")
CATEGORIES = (
    "Home_and_Kitchen",
    "Electronics",
    "Sports_and_Outdoors",
    "Toys_and_Games",
    "Pet_Supplies",
    "Baby_Products",
)


def synthetic_campaign(items: int, votes: int, annotators: int, seed: int):
    """Judgements, item attributes and the hidden truth of a realistic crowd campaign.

    Annotator accuracy is drawn from Beta(18, 2) (mean 0.9, most between 0.8 and 0.97), with a
    little class bias each; 2 of them answer at random and 1 says "yes" to nearly everything.
    Activity is skewed (Zipf-like weights): a few annotators do most of the work. Each item gets
    ``votes`` distinct annotators, sampled by weight (Gumbel top-k).
    """
    import numpy as np

    from annotation.agreement import Judgement

    rng = np.random.default_rng(seed)
    accuracy = rng.beta(18, 2, size=annotators)
    bias = rng.uniform(-0.05, 0.05, size=annotators)
    sensitivity = np.clip(accuracy + bias, 0.5, 0.99)
    specificity = np.clip(accuracy - bias, 0.5, 0.99)
    spammers = rng.choice(annotators, size=3, replace=False)
    sensitivity[spammers[:2]] = specificity[spammers[:2]] = 0.5
    sensitivity[spammers[2]], specificity[spammers[2]] = 0.97, 0.15
    speed = np.where(np.isin(np.arange(annotators), spammers[:2]), 2.0, 12.0)
    weights = 1.0 / (np.arange(annotators) + 1) ** 0.7
    truth = (rng.random(items) < 0.6).astype(int)
    keys = np.log(weights)[None, :] + rng.gumbel(size=(items, annotators))
    chosen = np.argpartition(-keys, votes - 1, axis=1)[:, :votes]
    item_idx = np.repeat(np.arange(items), votes)
    ann_idx = chosen.ravel()
    t = truth[item_idx]
    right = rng.random(len(item_idx)) < np.where(t == 1, sensitivity[ann_idx], specificity[ann_idx])
    labels = np.where(right, t, 1 - t)
    seconds = np.round(speed[ann_idx] * np.exp(rng.normal(0, 0.4, len(item_idx))), 1)
    judgements = [
        Judgement(f"item{i:05d}", f"a{a:02d}", int(y), float(s))
        for i, a, y, s in zip(item_idx, ann_idx, labels, seconds, strict=True)
    ]
    attributes = {
        f"item{i:05d}": {"task": TASKS[i % 3], "category": CATEGORIES[int(rng.integers(6))]}
        for i in range(items)
    }
    return judgements, attributes, truth


def machine_info() -> dict:
    import numpy as np
    import scipy
    import statsmodels

    blas = None
    try:
        from threadpoolctl import threadpool_info

        blas = [
            {k: i.get(k) for k in ("internal_api", "num_threads", "architecture")}
            for i in threadpool_info()
        ]
    except ImportError:
        pass
    return {
        **host_info(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "blas": blas,
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
    }


def timed(fn, repeat: int) -> tuple[float, list[float], object]:
    fn()  # warm-up: first calls pay for lazy imports and caches
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--votes", type=int, default=5)
    parser.add_argument("--annotators", type=int, default=56)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", default=str(RESULTS / "agreement.json"), help="results file")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecomscript_site.settings.base")
    import django

    django.setup()  # accounts.errors (the error type) imports DRF, which reads settings
    import numpy as np

    from annotation.agreement import agreement_report_compute

    t0 = time.perf_counter()
    judgements, attributes, truth = synthetic_campaign(
        args.items, args.votes, args.annotators, args.seed
    )
    generation_s = time.perf_counter() - t0

    def campaign():
        return agreement_report_compute(judgements, resamples=args.resamples, seed=args.seed)

    def with_groups():
        return agreement_report_compute(
            judgements, item_attributes=attributes, resamples=args.resamples, seed=args.seed
        )

    campaign_s, campaign_runs, report = timed(campaign, args.repeat)
    groups_s, groups_runs, grouped = timed(with_groups, args.repeat)
    start = time.perf_counter()
    text = json.dumps(grouped.to_dict(), allow_nan=False)
    json_s = time.perf_counter() - start

    a = report.agreement
    majority = np.array([-1 if x.majority is None else x.majority for x in report.items])
    truth_by_item = {f"item{i:05d}": t for i, t in enumerate(truth)}
    truth_arr = np.array([truth_by_item[x.item] for x in report.items])
    ds_right = np.mean([(x.ds_p1 > 0.5) == truth_by_item[x.item] for x in report.items])
    ok = campaign_s <= TARGET_SECONDS

    def est(e):
        return {"value": e.value, "ci": [e.ci_low, e.ci_high], "items": e.items}

    machine = machine_info()
    print(
        f"Machine: {machine['cpu_model']}, {machine['cpu_cores_usable']} usable cores, "
        f"{machine['ram_gb']} GB RAM, Python {machine['python']}, numpy {machine['numpy']}"
    )
    print(
        f"Data: {args.items} items x {args.votes} votes, {args.annotators} annotators, "
        f"{len(judgements)} judgements (generated in {generation_s:.2f} s, not timed)"
    )
    print(
        f"Fleiss' kappa {a.fleiss_kappa.value:.3f} [{a.fleiss_kappa.ci_low:.3f}, "
        f"{a.fleiss_kappa.ci_high:.3f}], alpha {a.krippendorff_alpha.value:.3f}, "
        f"AC1 {a.gwet_ac1.value:.3f}, percent agreement {a.percent_agreement.value:.3f}"
    )
    print(
        f"Majority vote right on {np.mean(majority == truth_arr):.3f} of items, "
        f"Dawid-Skene on {ds_right:.3f}; {report.labels.needs_adjudication} items to adjudicate"
    )
    print(f"{'measurement':<44} {'median s':>9}  runs")
    print(
        f"{'whole campaign, ' + str(args.resamples) + ' resamples':<44} {campaign_s:>9.3f}  "
        + " ".join(f"{r:.3f}" for r in campaign_runs)
    )
    print(
        f"{'campaign + per task + per category':<44} {groups_s:>9.3f}  "
        + " ".join(f"{r:.3f}" for r in groups_runs)
    )
    print(f"{'to_dict + json.dumps (with groups)':<44} {json_s:>9.3f}  ({len(text) / 1e6:.1f} MB)")
    verdict = "PASS" if ok else "FAIL"
    print(f"{verdict}: whole campaign in {campaign_s:.3f} s (target <= {TARGET_SECONDS} s)")

    results = {
        "benchmark": "agreement",
        "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "config": {
            "items": args.items,
            "votes": args.votes,
            "annotators": args.annotators,
            "judgements": len(judgements),
            "resamples": args.resamples,
            "seed": args.seed,
            "repeat": args.repeat,
        },
        "statistics": {
            "percent_agreement": est(a.percent_agreement),
            "fleiss_kappa": est(a.fleiss_kappa),
            "krippendorff_alpha": est(a.krippendorff_alpha),
            "gwet_ac1": est(a.gwet_ac1),
            "positive_rate": est(a.positive_rate),
            "cohen_pairs": len(a.cohen.pairs),
            "cohen_median": a.cohen.median,
            "dawid_skene_iterations": report.dawid_skene.iterations,
            "majority_accuracy_vs_truth": float(np.mean(majority == truth_arr)),
            "dawid_skene_accuracy_vs_truth": float(ds_right),
            "needs_adjudication": report.labels.needs_adjudication,
        },
        "seconds": {
            "campaign_median": round(campaign_s, 4),
            "campaign_runs": [round(r, 4) for r in campaign_runs],
            "with_groups_median": round(groups_s, 4),
            "with_groups_runs": [round(r, 4) for r in groups_runs],
            "json_with_groups": round(json_s, 4),
            "generation": round(generation_s, 4),
        },
        "target_seconds": TARGET_SECONDS,
        "pass": ok,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Results written to {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
