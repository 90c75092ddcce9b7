"""Shared by the benchmark scripts: where the 100,000-client database lives."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIG_DATABASE = Path(os.environ.get("QADAM_BENCH_DB", HERE / "demo-100k.db"))
BIG_CLIENTS = 100_000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def describe(values_ms: list[float]) -> str:
    return (f"p50 {statistics.median(values_ms):6.2f} ms   "
            f"p95 {percentile(values_ms, 0.95):6.2f} ms   "
            f"p99 {percentile(values_ms, 0.99):6.2f} ms   max {max(values_ms):6.2f} ms")


def timed(work: Callable[[int], object], runs: int, warm_up: int = 5) -> list[float]:
    """Milliseconds of each of ``runs`` calls (``work`` gets the run's number), after
    ``warm_up`` calls that are not counted."""
    for n in range(warm_up):
        work(n)
    times = []
    for n in range(warm_up, warm_up + runs):
        started = time.perf_counter()
        work(n)
        times.append((time.perf_counter() - started) * 1000)
    return times


def row(title: str, ours: list[float], theirs: list[float], target: float,
        width: int = 34) -> str:
    """One line of a side-by-side table: Qadam's p50/p95, raw p50/p95, the ratio of the
    medians, and whether Qadam's p95 is under the target."""
    p50, p95 = statistics.median(ours), percentile(ours, 0.95)
    r50, r95 = statistics.median(theirs), percentile(theirs, 0.95)
    verdict = "pass" if p95 < target else "FAIL"
    return (f"{title:{width}} {p50:8.1f} {p95:8.1f}   {r50:7.2f} {r95:7.2f}   "
            f"{p50 / max(r50, 1e-6):6.1f}x   < {target:3.0f} ms  {verdict}")
