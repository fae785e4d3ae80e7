"""Agreement per task and category, and the whole report a campaign page or
``manage.py agreement_report`` shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from accounts.errors import ApplicationError
from annotation.agreement.coefficients import agreement_compute
from annotation.agreement.dawid_skene import dawid_skene_fit
from annotation.agreement.gold import (
    _gold_arrays,
    _label_summary_from_arrays,
    annotator_quality_compute,
    gold_labels_compute,
    label_summary_compute,
)
from annotation.agreement.results import (
    AgreementReport,
    DawidSkeneSummary,
    GroupReport,
    QualityThresholds,
)
from annotation.agreement.votes import (
    DEFAULT_CONFIDENCE,
    DEFAULT_LOW_POSTERIOR,
    DEFAULT_MIN_SHARED,
    DEFAULT_RESAMPLES,
    GROUP_KEYS,
    JudgementsLike,
    vote_table_build,
)

# --- groups and the whole report -------------------------------------------------------------


def agreement_by_group_compute(
    judgements: JudgementsLike,
    item_attributes: Mapping[str, Mapping[str, str]],
    *,
    keys: Sequence[str] = GROUP_KEYS,
    gold: Mapping[str, int] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    min_shared: int = DEFAULT_MIN_SHARED,
    low_posterior: float = DEFAULT_LOW_POSTERIOR,
    thresholds: QualityThresholds = QualityThresholds(),  # noqa: B008 - frozen
) -> dict[str, list[GroupReport]]:
    """The statistics per value of each attribute (``task``, ``category``) of the items.

    Items without a value for a key are left out of that key's groups. Dawid-Skene is fitted
    per group, since an annotator may be reliable on one task and not on another. Each group's
    bootstrap has its own seed derived from ``seed``, so results do not depend on other groups.
    """
    table = vote_table_build(judgements)
    result: dict[str, list[GroupReport]] = {}
    for key_number, key in enumerate(keys):
        values = np.array([str(item_attributes.get(i, {}).get(key) or "") for i in table.items])
        groups = []
        for value_number, value in enumerate(sorted(set(values.tolist()) - {""})):
            part = table.subset(values == value)
            ds = dawid_skene_fit(part)
            group_seed = int(
                np.random.SeedSequence([seed, key_number, value_number]).generate_state(1)[0]
            )
            groups.append(
                GroupReport(
                    key=key,
                    value=value,
                    items=len(part.items),
                    judgements=len(part.labels),
                    agreement=agreement_compute(
                        part,
                        resamples=resamples,
                        seed=group_seed,
                        confidence=confidence,
                        min_shared=min_shared,
                    ),
                    annotators=annotator_quality_compute(
                        part, gold=gold, dawid_skene=ds, thresholds=thresholds
                    ),
                    labels=_label_summary_from_arrays(_gold_arrays(part, ds, gold, low_posterior)),
                )
            )
        if groups:
            result[key] = groups
    return result


def agreement_report_compute(
    judgements: JudgementsLike,
    *,
    gold: Mapping[str, int] | None = None,
    item_attributes: Mapping[str, Mapping[str, str]] | None = None,
    group_keys: Sequence[str] = GROUP_KEYS,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    min_shared: int = DEFAULT_MIN_SHARED,
    low_posterior: float = DEFAULT_LOW_POSTERIOR,
    thresholds: QualityThresholds = QualityThresholds(),  # noqa: B008 - frozen
) -> AgreementReport:
    """Agreement, per-annotator quality, gold labels and, given item attributes, per group."""
    if not 0 < confidence < 1:
        raise ApplicationError(f"confidence: {confidence} is not between 0 and 1")
    if resamples < 0:
        raise ApplicationError(f"resamples: {resamples} is negative")
    table = vote_table_build(judgements)
    ds = dawid_skene_fit(table)
    labels = gold_labels_compute(table, gold=gold, dawid_skene=ds, low_posterior=low_posterior)
    groups = {}
    if item_attributes:
        groups = agreement_by_group_compute(
            table,
            item_attributes,
            keys=group_keys,
            gold=gold,
            resamples=resamples,
            seed=seed,
            confidence=confidence,
            min_shared=min_shared,
            low_posterior=low_posterior,
            thresholds=thresholds,
        )
    return AgreementReport(
        agreement=agreement_compute(
            table, resamples=resamples, seed=seed, confidence=confidence, min_shared=min_shared
        ),
        annotators=annotator_quality_compute(
            table, gold=gold, dawid_skene=ds, thresholds=thresholds
        ),
        items=labels,
        labels=label_summary_compute(labels),
        dawid_skene=DawidSkeneSummary(
            iterations=ds.iterations,
            converged=ds.converged,
            prior_p1=ds.prior_p1,
            log_likelihood=ds.log_likelihood,
        ),
        groups=groups,
    )
