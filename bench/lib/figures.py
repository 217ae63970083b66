"""Summary figures shared by the Python benchmark harnesses."""

import math


def growth_exponent(points):
    """b in time ~ SF^b by least squares on (log SF, log time); None with fewer than two SFs.

    1 means cost grows linearly with the data; below 1, fixed costs (JVM and Spark start-up, small
    Delta commits) still dominate; above 1, something grows faster than the data (a shuffle that
    spills, a join that explodes)."""
    pts = [(math.log(sf), math.log(t)) for sf, t in points if sf > 0 and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx > 0 else None


def merge_scale_factors(measured, previous, stages):
    """`measured` (summary entries, one per SF) plus the entries of `previous` at other SFs, by SF.

    `previous` is the "scale_factors" list of an earlier stages.json: a long SF is measured once and its
    figures are combined with a later invocation's, e.g. SF1 today with SF3 measured this morning. Each
    entry keeps its own runs; the growth exponents are computed again over all of them. Raises
    ValueError, naming the SF and the stage, when an earlier entry lacks a stage measured now."""
    have = {e["sf"] for e in measured}
    merged = list(measured)
    for entry in previous:
        if entry["sf"] in have:
            continue
        missing = [s for s in stages + ["total"] if s not in entry["stages"]]
        if missing:
            raise ValueError("SF %g of the included results has no figures for %s; measure it with the same --stages"
                             % (entry["sf"], ", ".join(missing)))
        merged.append(entry)
    merged.sort(key=lambda e: e["sf"])
    for stage in stages + ["total"]:
        exponent = growth_exponent([(e["sf"], e["stages"][stage]["median_s"]) for e in merged])
        for e in merged:
            e["stages"][stage]["growth_exponent"] = exponent
    return merged
