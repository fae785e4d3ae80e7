"""Seeded, stratified sampling: the same pools and seed always give the same sample."""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence


def rng_for(seed: int, *parts: str) -> random.Random:
    # String seeds are hashed with SHA-512 by random.Random: stable across runs and machines.
    return random.Random(":".join([str(seed), *parts]))


def allocate(sizes: Mapping[Hashable, int], total: int) -> dict[Hashable, int]:
    """Split ``total`` over strata in proportion to their sizes (largest remainder), never
    more than a stratum holds; what a full stratum cannot take goes to the others."""
    strata = sorted(sizes, key=str)
    total = min(total, sum(sizes.values()))
    shares = dict.fromkeys(strata, 0)
    remaining = total
    open_strata = [s for s in strata if sizes[s] > 0]
    while remaining > 0 and open_strata:
        weight = sum(sizes[s] - shares[s] for s in open_strata)
        exact = {s: remaining * (sizes[s] - shares[s]) / weight for s in open_strata}
        floors = {s: min(int(exact[s]), sizes[s] - shares[s]) for s in open_strata}
        given = sum(floors.values())
        for s in open_strata:
            shares[s] += floors[s]
        leftover = remaining - given
        # Largest remainders first; ties by stratum name so the split is deterministic.
        by_remainder = sorted(open_strata, key=lambda s: (-(exact[s] - int(exact[s])), str(s)))
        for s in by_remainder:
            if leftover == 0:
                break
            if shares[s] < sizes[s]:
                shares[s] += 1
                leftover -= 1
        remaining = total - sum(shares.values())
        open_strata = [s for s in open_strata if shares[s] < sizes[s]]
    return shares


def stratified_sample(pools: Mapping[Hashable, Sequence], total: int, rng: random.Random) -> list:
    """``total`` members drawn without replacement, spread over the strata by size."""
    shares = allocate({k: len(v) for k, v in pools.items()}, total)
    chosen = []
    for stratum in sorted(pools, key=str):
        members = sorted(pools[stratum])
        chosen.extend(rng.sample(members, shares[stratum]))
    return chosen
