"""The three reference baselines that need no model: random, majority class, and the
embedding similarity of T2. Each takes only what evaluation/baselines/inputs.py hands it (test
ids and inputs, train labels) and returns predictions; it never sees a test label.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from accounts.errors import ApplicationError

from .inputs import TrainMajority

# SPEC.md section 3: a step is associated with a product when the intention score is >= 0.45.
ASSOCIATION_THRESHOLD = 0.45


@dataclass(frozen=True)
class Prediction:
    uid: str
    label: int
    score: float | None = None  # probability of label 1, for AUC


def random_predictions(ids: dict[str, list[str]], *, seed: int = 0) -> dict[str, list[Prediction]]:
    """A fair coin per item, seeded by (seed, task, uid): the same item always gets the same
    coin whatever else is in the release. Score 0.5 everywhere, so AUC is exactly 0.5."""
    out = {}
    for task, uids in ids.items():
        out[task] = [Prediction(uid, int(_coin(seed, task, uid) < 0.5), 0.5) for uid in uids]
    return out


def _coin(seed: int, task: str, uid: str) -> float:
    rng = np.random.default_rng([seed, zlib.crc32(f"{task}:{uid}".encode())])
    return float(rng.random())


def majority_predictions(
    ids: dict[str, list[str]], majority: dict[str, TrainMajority]
) -> dict[str, list[Prediction]]:
    """The train split's majority label of each task for every test item; the score is the
    train share of label 1 (a constant, so AUC is 0.5)."""
    out = {}
    for task, uids in ids.items():
        if task not in majority:
            raise ApplicationError(
                f"{task}: the release has no train items, so there is no majority class"
            )
        rule = majority[task]
        out[task] = [Prediction(uid, rule.label, round(rule.positive_share, 6)) for uid in uids]
    return out


def similarity_to_probability(score: float | None) -> float:
    """Cosine similarity in [-1, 1] mapped linearly to [0, 1]; no score counts as -1 (0.0)."""
    if score is None:
        return 0.0
    return float(min(1.0, max(0.0, (score + 1.0) / 2.0)))


def embedding_predictions(
    scores: dict[str, float | None], *, threshold: float = ASSOCIATION_THRESHOLD
) -> dict[str, list[Prediction]]:
    """T2 only: label 1 when the pipeline's intention association score reaches the paper's
    threshold. Pairs without a score (the product has no intention vector) are 0."""
    return {
        "t2": [
            Prediction(
                uid,
                int(score is not None and score >= threshold),
                round(similarity_to_probability(score), 6),
            )
            for uid, score in sorted(scores.items())
        ]
    }


def predictions_csv(predictions: dict[str, list[Prediction]]) -> bytes:
    """One CSV file with a task column: `task,id,label[,score]` (score when every row has one)."""
    with_score = all(p.score is not None for rows in predictions.values() for p in rows)
    lines = ["task,id,label,score" if with_score else "task,id,label"]
    for task in sorted(predictions):
        for p in predictions[task]:
            row = f"{task},{p.uid},{p.label}"
            lines.append(f"{row},{p.score:.6f}" if with_score else row)
    return ("\n".join(lines) + "\n").encode()
