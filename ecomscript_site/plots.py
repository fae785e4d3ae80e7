"""Plots for the pages, drawn server-side by matplotlib as inline SVG (no network assets, no
JavaScript charting library). Each function returns SVG markup ready to put in a template."""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # no display: render to files only

import matplotlib.pyplot as plt  # noqa: E402

# pyplot keeps global state; pages render in threads of one process.
_lock = threading.Lock()
COLOURS = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#57606a"]


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    # Inline SVG: drop the XML prolog and DOCTYPE, keep the <svg> element.
    return text[text.index("<svg") :]


def histogram_svg(
    series: Mapping[str, Sequence[float]],
    *,
    bins: int | Sequence[float] = 20,
    xlabel: str = "",
    ylabel: str = "count",
    vline: float | None = None,
    vline_label: str = "",
    title: str = "",
) -> str:
    with _lock:
        fig, ax = plt.subplots(figsize=(6.4, 3.2))
        for n, (label, values) in enumerate(series.items()):
            if len(values):
                ax.hist(
                    values,
                    bins=bins,
                    alpha=0.55,
                    label=f"{label} (n={len(values)})",
                    color=COLOURS[n % len(COLOURS)],
                )
        if vline is not None:
            ax.axvline(vline, color="#1d232a", linestyle="--", linewidth=1, label=vline_label)
        _finish(ax, xlabel, ylabel, title)
        return _svg(fig)


def bars_svg(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    errors: Sequence[tuple[float, float]] | None = None,
    xlabel: str = "",
    ylabel: str = "",
    title: str = "",
    horizontal: bool = False,
) -> str:
    with _lock:
        height = max(2.4, 0.35 * len(labels) + 1) if horizontal else 3.2
        fig, ax = plt.subplots(figsize=(6.4, height))
        err = None
        if errors:
            err = [
                [max(0.0, v - lo) for v, (lo, _) in zip(values, errors, strict=True)],
                [max(0.0, hi - v) for v, (_, hi) in zip(values, errors, strict=True)],
            ]
        if horizontal:
            ax.barh(list(labels), list(values), xerr=err, color=COLOURS[0], capsize=3)
            ax.invert_yaxis()
        else:
            ax.bar(list(labels), list(values), yerr=err, color=COLOURS[0], capsize=3)
        _finish(ax, xlabel, ylabel, title, legend=False)
        return _svg(fig)


def lines_svg(
    series: Mapping[str, tuple[Sequence, Sequence[float]]],
    *,
    xlabel: str = "",
    ylabel: str = "",
    title: str = "",
) -> str:
    with _lock:
        fig, ax = plt.subplots(figsize=(6.4, 3.2))
        for n, (label, (xs, ys)) in enumerate(series.items()):
            ax.plot(
                list(xs),
                list(ys),
                marker="o",
                markersize=3,
                label=label,
                color=COLOURS[n % len(COLOURS)],
            )
        fig.autofmt_xdate()
        _finish(ax, xlabel, ylabel, title)
        return _svg(fig)


def scatter_svg(
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    labels: Sequence[str] = (),
    xlabel: str = "",
    ylabel: str = "",
    title: str = "",
) -> str:
    with _lock:
        fig, ax = plt.subplots(figsize=(6.4, 3.2))
        ax.scatter(list(xs), list(ys), color=COLOURS[0], s=18)
        for x, y, label in zip(xs, ys, labels, strict=False):
            ax.annotate(label, (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points")
        _finish(ax, xlabel, ylabel, title, legend=False)
        return _svg(fig)


def _finish(ax, xlabel, ylabel, title, legend=True):
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize=8)
