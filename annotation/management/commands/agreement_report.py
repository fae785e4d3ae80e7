"""python manage.py agreement_report FILE.csv [--json] [--seed N] [--resamples N] [--gold G.csv]"""

import json

from django.core.management.base import BaseCommand, CommandError

from accounts.errors import ApplicationError
from annotation.agreement import (
    DEFAULT_CONFIDENCE,
    DEFAULT_LOW_POSTERIOR,
    DEFAULT_MIN_SHARED,
    DEFAULT_RESAMPLES,
    Estimate,
    agreement_report_compute,
    gold_file_read,
    label_file_read,
)

# Problems printed before "... and N more": a broken export can have a bad line per row.
MAX_PROBLEMS = 200


class Command(BaseCommand):
    help = (
        "Agreement statistics, per-annotator quality and aggregated gold labels of a binary "
        "crowd-labels CSV (header: item, annotator, label; optional seconds, task, category)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV with columns item, annotator, label (0/1)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
        parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
        parser.add_argument(
            "--resamples",
            type=int,
            default=DEFAULT_RESAMPLES,
            help=f"bootstrap resamples for the intervals (default {DEFAULT_RESAMPLES}; 0: none)",
        )
        parser.add_argument(
            "--confidence",
            type=float,
            default=DEFAULT_CONFIDENCE,
            help=f"interval level (default {DEFAULT_CONFIDENCE})",
        )
        parser.add_argument(
            "--min-shared",
            type=int,
            default=DEFAULT_MIN_SHARED,
            help=f"shared items for a pairwise Cohen's kappa (default {DEFAULT_MIN_SHARED})",
        )
        parser.add_argument(
            "--low-posterior",
            type=float,
            default=DEFAULT_LOW_POSTERIOR,
            help=f"flag items whose Dawid-Skene posterior is below this "
            f"(default {DEFAULT_LOW_POSTERIOR})",
        )
        parser.add_argument(
            "--gold", help="control-item answers: CSV with columns item, label (0/1)"
        )

    def handle(self, *args, **options):
        labels = label_file_read(options["file"])
        problems = list(labels.problems)
        gold = None
        if options["gold"]:
            gold, gold_problems = gold_file_read(options["gold"])
            problems += gold_problems
        if problems:
            for problem in problems[:MAX_PROBLEMS]:
                self.stderr.write(str(problem))
            if len(problems) > MAX_PROBLEMS:
                self.stderr.write(f"... and {len(problems) - MAX_PROBLEMS} more problems")
            # A statistic over a silently shortened file would mislead: compute nothing.
            raise CommandError(f"{len(problems)} problem(s) in the input; nothing was computed")
        try:
            report = agreement_report_compute(
                labels.judgements,
                gold=gold,
                item_attributes=labels.item_attributes,
                resamples=options["resamples"],
                seed=options["seed"],
                confidence=options["confidence"],
                min_shared=options["min_shared"],
                low_posterior=options["low_posterior"],
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        if options["json"]:
            data = {"file": options["file"], **report.to_dict()}
            self.stdout.write(json.dumps(data, indent=2, allow_nan=False))
            return
        self.stdout.write("\n".join(report_text(options["file"], report)))


# --- text rendering --------------------------------------------------------------------------


def _num(value, digits=3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _estimate_row(name: str, e: Estimate, notes: list[str]) -> str:
    interval = "" if e.ci_low is None else f"[{e.ci_low:.3f}, {e.ci_high:.3f}]"
    if e.reason:
        notes.append(f"  {name}: {e.reason}")
    label = f"{name} ({e.note})" if e.note else name
    return f"  {label:<34} {_num(e.value):>7}  {interval:<18} {e.items:>7}"


def _table(headers: list[str], rows: list[list[str]], indent="  ") -> list[str]:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    lines = []
    for cells in [headers, *rows]:
        text = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
        lines.append((indent + text).rstrip())
    return lines


def _agreement_lines(agreement, title: str) -> list[str]:
    pct = int(round(agreement.confidence * 100))
    notes: list[str] = []
    lines = [
        title,
        f"  {'statistic':<34} {'value':>7}  {str(pct) + '% CI':<18} {'items':>7}",
        _estimate_row("percent agreement", agreement.percent_agreement, notes),
        _estimate_row("Fleiss' kappa", agreement.fleiss_kappa, notes),
        _estimate_row("Krippendorff's alpha (nominal)", agreement.krippendorff_alpha, notes),
        _estimate_row("Gwet's AC1", agreement.gwet_ac1, notes),
        _estimate_row("positive-label rate", agreement.positive_rate, notes),
    ]
    if notes:
        lines += ["  not defined / no interval:", *notes]
    return lines


def report_text(path: str, report) -> list[str]:
    a = report.agreement
    lines = [
        f"Crowd labels: {path}: {a.items} items, {a.judgements} judgements, "
        f"{a.annotators} annotators (seed {a.seed}, {a.resamples} bootstrap resamples)",
        "",
        "Vote splits",
    ]
    rows = []
    for by_votes in a.vote_splits:
        for split in by_votes.splits:
            rows.append(
                [
                    str(by_votes.votes),
                    split.split,
                    str(split.items),
                    f"{split.share:.1%}",
                    str(split.positive_majority),
                ]
            )
    lines += _table(["votes", "split", "items", "share", "label 1 wins"], rows)
    lines += ["", *_agreement_lines(a, "Agreement")]
    c = a.cohen
    lines += ["", f"Cohen's kappa, annotator pairs with >= {c.min_shared} shared items"]
    if c.pairs:
        lines.append(
            f"  {len(c.pairs)} pairs: median {_num(c.median)}, min {_num(c.minimum)}, "
            f"max {_num(c.maximum)}"
        )
        rows = [
            [p.annotator_a, p.annotator_b, str(p.shared), _num(p.agreement), _num(p.kappa)]
            for p in c.pairs
        ]
        lines += _table(["annotator", "annotator", "shared", "agreement", "kappa"], rows)
    else:
        lines.append(f"  {c.reason}")
    lines += ["", "Annotators (lowest leave-one-out agreement first)"]
    lines += _annotator_rows(report.annotators)
    s = report.labels
    ds = report.dawid_skene
    flag_counts = ", ".join(f"{k} {v}" for k, v in s.flags.items()) or "none"
    lines += [
        "",
        f"Gold labels: {s.items} items: {s.positive} label 1, {s.negative} label 0, "
        f"{s.ties} ties (no label); {s.needs_adjudication} need adjudication",
        f"  flags: {flag_counts}",
        f"  Dawid-Skene: {ds.iterations} EM iterations, "
        f"{'converged' if ds.converged else 'NOT converged'}, prior P(1) {ds.prior_p1:.3f}",
    ]
    rows = [
        [
            x.item,
            str(x.votes),
            str(x.positive),
            "tie" if x.majority is None else str(x.majority),
            f"{x.ds_p1:.3f}",
            "" if x.control is None else str(x.control),
            ",".join(x.flags),
        ]
        for x in report.items
    ]
    lines += _table(["item", "votes", "label 1", "majority", "DS P(1)", "control", "flags"], rows)
    for key, groups in report.groups.items():
        lines += ["", f"By {key}"]
        rows = []
        for g in groups:
            ga = g.agreement
            rows.append(
                [
                    g.value,
                    str(g.items),
                    str(g.judgements),
                    _num(ga.percent_agreement.value),
                    _num(ga.fleiss_kappa.value),
                    _num(ga.krippendorff_alpha.value),
                    _num(ga.gwet_ac1.value),
                    _num(ga.positive_rate.value),
                    str(g.labels.needs_adjudication),
                ]
            )
        lines += _table(
            [key, "items", "judgements", "agree", "fleiss", "alpha", "AC1", "pos.rate", "adjud."],
            rows,
        )
    return lines


def _control_cell(q) -> str:
    if q.control_accuracy is None:
        return ""
    return f"{q.control_accuracy:.3f}/{q.control_judgements}"


def _annotator_rows(annotators) -> list[str]:
    rows = [
        [
            q.annotator,
            str(q.judgements),
            _num(q.positive_rate, 2),
            str(q.loo_compared),
            _num(q.loo_agreement),
            _num(q.loo_kappa),
            _num(q.ds_accuracy),
            ""
            if q.control_accuracy is None
            else f"{q.control_accuracy:.3f}/{q.control_judgements}",
            _num(q.median_seconds, 1),
            ",".join(q.flags),
        ]
        for q in annotators
    ]
    return _table(
        [
            "annotator",
            "judged",
            "pos",
            "compared",
            "LOO agree",
            "LOO kappa",
            "DS acc",
            "control",
            "median s",
            "flags",
        ],
        rows,
    )
