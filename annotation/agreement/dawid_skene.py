"""Dawid-Skene: per-annotator confusion matrices and item posteriors by EM."""

from __future__ import annotations

import math

import numpy as np

from annotation.agreement.results import DawidSkene
from annotation.agreement.votes import JudgementsLike, vote_table_build

# --- Dawid-Skene -----------------------------------------------------------------------------

# Same floor as crowd-kit: a confusion cell never reaches 0, so its log stays finite.
_DS_EPS = 1e-10


def dawid_skene_fit(
    judgements: JudgementsLike, *, max_iterations: int = 200, tol: float = 1e-9
) -> DawidSkene:
    """Two-class Dawid & Skene (1979) EM with a full confusion matrix per annotator.

    Starts, like crowd-kit's ``DawidSkene``, from the majority-vote vote shares (a tie starts at
    0.5), then alternates the M-step (priors and confusion matrices from the posteriors) and
    the E-step (posteriors from them) until the log-likelihood per judgement gains less than
    ``tol``. Confusion cells are floored at 1e-10 before normalising, as crowd-kit does.
    """
    table = vote_table_build(judgements)
    n_items, n_ann = len(table.items), len(table.annotators)
    if not len(table.labels):
        return DawidSkene(np.zeros(0), math.nan, np.zeros((0, 2, 2)), np.zeros(0), 0, True, 0.0)
    item, ann, y = table.item_index, table.annotator_index, table.labels
    posterior = table.counts / table.votes[:, None]
    cell = ann * 2 + y
    log_likelihood = -math.inf
    converged = False
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported below
        prior = np.clip(posterior.mean(axis=0), _DS_EPS, None)
        confusion = np.empty((n_ann, 2, 2))
        for true in (0, 1):
            mass = np.bincount(cell, weights=posterior[item, true], minlength=n_ann * 2)
            confusion[:, :, true] = mass.reshape(n_ann, 2)
        confusion = np.clip(confusion, _DS_EPS, None)
        confusion /= confusion.sum(axis=1, keepdims=True)
        log_conf = np.log(confusion)
        joint = np.empty((n_items, 2))
        for true in (0, 1):
            joint[:, true] = np.log(prior[true]) + np.bincount(
                item, weights=log_conf[ann, y, true], minlength=n_items
            )
        top = joint.max(axis=1, keepdims=True)
        scaled = np.exp(joint - top)
        total = scaled.sum(axis=1, keepdims=True)
        posterior = scaled / total
        new_ll = float((np.log(total) + top).sum())
        gain = (new_ll - log_likelihood) / len(y)
        log_likelihood = new_ll
        if gain < tol:
            converged = True
            break
    accuracy = np.bincount(ann, weights=posterior[item, y], minlength=n_ann) / np.bincount(
        ann, minlength=n_ann
    )
    return DawidSkene(
        p1=posterior[:, 1],
        prior_p1=float(posterior[:, 1].mean()),
        confusion=confusion,
        accuracy=accuracy,
        iterations=iterations,
        converged=converged,
        log_likelihood=log_likelihood,
    )
