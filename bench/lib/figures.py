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
