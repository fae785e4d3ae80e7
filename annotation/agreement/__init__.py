"""Agreement statistics, annotator quality and gold labels for binary crowd judgements.

Pure and database-free: the input is a sequence of ``(item, annotator, label)`` judgements
with labels 0/1 (optionally the seconds each took, and gold answers for control items); the
output is plain dataclasses whose ``to_dict()`` is JSON with no NaN in it. Campaign pages and
``manage.py agreement_report`` feed the same functions.

How it stays fast (5,000 items x 5 votes, every statistic with a 1,000-resample bootstrap
interval, within 2 s; see ``bench/agreement.py``): every coefficient is a ratio of sums of
per-item quantities taken from the item x category count matrix. A bootstrap resample of
items is then just a vector of item weights, and all resamples at once are one matrix product
``weights @ features``. The libraries (statsmodels for Fleiss' kappa, ``krippendorff`` for
alpha) give the reported point estimates; the tests check that the vectorised formulas equal
them and published reference values.

A value that is not defined (every vote the same label, one annotator, no item with two
votes) is reported as ``None`` with a reason, never as NaN and never as an exception.

Layout: ``votes`` (input and shared constants), ``results`` (dataclasses),
``coefficients`` (kappa, alpha, AC1, Cohen pairs, bootstrap intervals), ``dawid_skene``,
``gold`` (annotator quality, gold labels), ``report`` (per group and whole report), ``files``
(crowd-label and gold CSV files). Everything public is importable from here.
"""

from annotation.agreement.coefficients import (  # noqa: F401
    agreement_compute,
    agreement_counts_compute,
    cohen_pairs_compute,
    vote_splits_compute,
)
from annotation.agreement.dawid_skene import (  # noqa: F401
    dawid_skene_fit,
)
from annotation.agreement.files import (  # noqa: F401
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    LabelFile,
    LabelFileProblem,
    gold_file_read,
    label_file_read,
)
from annotation.agreement.gold import (  # noqa: F401
    ADJUDICATION_FLAGS,
    annotator_quality_compute,
    gold_labels_compute,
    label_summary_compute,
)
from annotation.agreement.report import (  # noqa: F401
    agreement_by_group_compute,
    agreement_report_compute,
)
from annotation.agreement.results import (  # noqa: F401
    Agreement,
    AgreementReport,
    AnnotatorQuality,
    CohenPair,
    CohenPairs,
    CountAgreement,
    DawidSkene,
    DawidSkeneSummary,
    Estimate,
    GroupReport,
    ItemLabel,
    LabelSummary,
    QualityThresholds,
    VoteSplit,
    VoteSplits,
    json_safe,
)
from annotation.agreement.votes import (  # noqa: F401
    DEFAULT_CONFIDENCE,
    DEFAULT_LOW_POSTERIOR,
    DEFAULT_MIN_SHARED,
    DEFAULT_RESAMPLES,
    GROUP_KEYS,
    LABELS,
    NO_JUDGEMENTS,
    NO_PAIRS,
    ONE_LABEL,
    Judgement,
    JudgementsLike,
    VoteTable,
    vote_table_build,
)
