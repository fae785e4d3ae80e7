#!/usr/bin/env python
"""Write crowd_labels.csv: a seeded, realistic noisy 5-vote binary crowd-labels file.

300 items (T1-T3 tasks, 6 categories, 60% positive), 24 annotators whose activity is skewed
(a few do most of the work, as on every crowd platform) and whose quality varies: most are
decent (accuracy 0.70-0.95, a little better on one class than the other), two are spammers
who answer at random, and one says "yes" to almost everything. Each item gets 5 distinct
annotators. Seconds per judgement are log-normal around 12 s; the spammers are fast.

    python tests/annotation/data/make_crowd_labels.py     # rewrites the file beside it

Only the standard library is used, so the file is the same on every machine.
"""

import csv
import math
import random
from pathlib import Path

SEED = 20250521
ITEMS = 300
VOTES = 5
ANNOTATORS = 24
TASKS = ("T1", "T2", "T3")
CATEGORIES = ("Baby_Products", "Electronics", "Home_and_Kitchen", "Pet_Supplies", "Sports", "Toys")
OUT = Path(__file__).resolve().parent / "crowd_labels.csv"


def main() -> None:
    rng = random.Random(SEED)
    annotators = []
    for a in range(ANNOTATORS):
        if a in (5, 17):
            kind, sens, spec, speed = "spammer", 0.5, 0.5, 2.0
        elif a == 11:
            kind, sens, spec, speed = "yes-sayer", 0.97, 0.15, 6.0
        else:
            base = rng.uniform(0.70, 0.95)
            skew = rng.uniform(-0.05, 0.05)
            kind, sens, spec, speed = "worker", min(base + skew, 0.99), min(base - skew, 0.99), 12.0
        weight = 1.0 / (a + 1) ** 0.7  # skewed activity
        annotators.append(
            {
                "id": f"w{a:02d}",
                "kind": kind,
                "sens": sens,
                "spec": spec,
                "speed": speed,
                "weight": weight,
            }
        )
    rows = []
    for i in range(ITEMS):
        truth = 1 if rng.random() < 0.6 else 0
        task = TASKS[i % len(TASKS)]
        category = CATEGORIES[rng.randrange(len(CATEGORIES))]
        chosen = set()
        while len(chosen) < VOTES:
            chosen.add(rng.choices(range(ANNOTATORS), weights=[x["weight"] for x in annotators])[0])
        for a in sorted(chosen):
            ann = annotators[a]
            if ann["kind"] == "spammer":
                label = rng.randrange(2)
            else:
                right = rng.random() < (ann["sens"] if truth else ann["spec"])
                label = truth if right else 1 - truth
            seconds = round(ann["speed"] * math.exp(rng.gauss(0, 0.4)), 1)
            rows.append((f"item{i:04d}", ann["id"], label, seconds, task, category))
    rng.shuffle(rows)
    with OUT.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("item", "annotator", "label", "seconds", "task", "category"))
        writer.writerows(rows)


if __name__ == "__main__":
    main()
