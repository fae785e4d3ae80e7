"""Leak-free, stratified, seeded splits.

Items come in groups (all items of one objective); a group goes whole into one split, so no
objective, and so no script, appears in two splits. Within that rule the splits follow the
asked proportions in every stratum (task, category, label) as closely as the groups allow:
groups are placed largest first, each into the split whose strata are furthest below target.
The same groups, strata and seed always give the same splits.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence


def groups_split(
    groups: Mapping[Hashable, Sequence[Hashable]],
    sizes: Mapping[str, float],
    *,
    seed: int,
) -> dict[Hashable, str]:
    """``groups`` maps a group id to the strata of its items (one entry per item);
    ``sizes`` maps split names to shares (summing to 1). Returns group id -> split name."""
    names = list(sizes)
    shares = [float(sizes[n]) for n in names]
    if not names or any(s < 0 for s in shares) or abs(sum(shares) - 1) > 1e-6:
        raise ValueError(f"split shares must be >= 0 and sum to 1, not {dict(sizes)}")
    totals: Counter = Counter()
    for strata in groups.values():
        totals.update(strata)
    n_items = sum(totals.values())
    order = sorted(groups, key=str)
    random.Random(f"splits:{seed}").shuffle(order)
    # Largest groups first (stable, so ties keep the seeded order): small groups fill the gaps.
    order.sort(key=lambda g: -len(groups[g]))
    placed: dict[str, Counter] = {n: Counter() for n in names}
    sizes_now: dict[str, int] = defaultdict(int)
    result: dict[Hashable, str] = {}
    for group in order:
        strata = Counter(groups[group])

        def gain(i: int, strata=strata) -> tuple[float, float]:
            name, share = names[i], shares[i]
            stratum_gap = sum(
                min(count, share * totals[s] - placed[name][s]) for s, count in strata.items()
            )
            overall_gap = share * n_items - sizes_now[name]
            return (stratum_gap, overall_gap)

        best = max(range(len(names)), key=lambda i: (*gain(i), -i) if shares[i] > 0 else (-1e18,))
        name = names[best]
        result[group] = name
        placed[name].update(strata)
        sizes_now[name] += sum(strata.values())
    return result
