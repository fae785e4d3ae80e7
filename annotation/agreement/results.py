"""The results: plain dataclasses whose ``to_dict()`` is JSON with no NaN in it."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

# --- results ---------------------------------------------------------------------------------


@dataclass
class Estimate:
    """A statistic with its bootstrap interval; ``value`` is None with ``reason`` if undefined."""

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    items: int = 0
    reason: str | None = None  # why value (or only the interval) is missing
    note: str | None = None  # what the statistic was computed on, when it is a subset


@dataclass
class VoteSplit:
    split: str  # "majority-minority", e.g. "4-1"
    items: int
    share: float
    positive_majority: int  # of those items, how many have label 1 as the majority


@dataclass
class VoteSplits:
    votes: int
    items: int
    splits: list[VoteSplit]


@dataclass
class CohenPair:
    annotator_a: str
    annotator_b: str
    shared: int
    agreement: float
    kappa: float | None
    reason: str | None = None


@dataclass
class CohenPairs:
    min_shared: int
    pairs: list[CohenPair]
    median: float | None
    minimum: float | None
    maximum: float | None
    annotators: list[str]  # the rows/columns of ``matrix``
    matrix: list[list[float | None]]  # None: fewer than min_shared shared items, or undefined
    reason: str | None = None


@dataclass
class CountAgreement:
    """Coefficients of an item x category count table (any number of categories)."""

    items: int
    categories: int
    percent_agreement: Estimate
    fleiss_kappa: Estimate
    krippendorff_alpha: Estimate
    gwet_ac1: Estimate
    positive_rate: Estimate  # binary tables only: share of votes for category 1


@dataclass
class Agreement:
    items: int
    judgements: int
    annotators: int
    vote_splits: list[VoteSplits]
    percent_agreement: Estimate
    fleiss_kappa: Estimate
    krippendorff_alpha: Estimate
    gwet_ac1: Estimate
    positive_rate: Estimate
    cohen: CohenPairs
    confidence: float
    resamples: int
    seed: int


@dataclass(frozen=True)
class QualityThresholds:
    """When a per-annotator figure earns a flag.

    No flag is raised on fewer than ``min_evidence`` comparisons: 2 of 3 is not a trend.
    """

    min_evidence: int = 10
    loo_agreement_min: float = 0.6
    # Landis & Koch call kappa below 0.2 "slight" agreement.
    loo_kappa_min: float = 0.2
    ds_accuracy_min: float = 0.6
    control_accuracy_min: float = 0.7
    # A binary judgement of a script or a product match needs reading; under 3 s is clicking.
    fast_median_seconds: float = 3.0


@dataclass
class AnnotatorQuality:
    annotator: str
    judgements: int
    positive_rate: float
    loo_compared: int  # judgements whose item had a strict majority among the others
    loo_agreement: float | None
    loo_kappa: float | None
    ds_accuracy: float | None
    control_judgements: int
    control_accuracy: float | None
    median_seconds: float | None
    flags: list[str]


@dataclass
class ItemLabel:
    item: str
    votes: int
    positive: int
    majority: int | None  # None on a tie: a tie is not a label
    ds_p1: float  # Dawid-Skene posterior P(label = 1)
    ds_label: int | None
    control: int | None
    flags: list[str]
    needs_adjudication: bool


@dataclass
class LabelSummary:
    items: int
    positive: int
    negative: int
    ties: int
    needs_adjudication: int
    flags: dict[str, int]


@dataclass
class DawidSkene:
    """Two-class Dawid-Skene with a full confusion matrix per annotator, fitted by EM."""

    p1: np.ndarray  # per item, P(true label = 1)
    prior_p1: float
    confusion: np.ndarray  # (annotators, observed label, true label): P(observed | true)
    accuracy: np.ndarray  # per annotator: expected share of their labels that are right
    iterations: int
    converged: bool
    log_likelihood: float


@dataclass
class DawidSkeneSummary:
    iterations: int
    converged: bool
    prior_p1: float
    log_likelihood: float


@dataclass
class GroupReport:
    key: str
    value: str
    items: int
    judgements: int
    agreement: Agreement
    annotators: list[AnnotatorQuality]
    labels: LabelSummary


@dataclass
class AgreementReport:
    agreement: Agreement
    annotators: list[AnnotatorQuality]
    items: list[ItemLabel]
    labels: LabelSummary
    dawid_skene: DawidSkeneSummary
    groups: dict[str, list[GroupReport]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return json_safe(dataclasses.asdict(self))


def json_safe(value):
    """Plain Python for ``json.dumps(allow_nan=False)``: NaN/inf become None, numpy unwrapped."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
