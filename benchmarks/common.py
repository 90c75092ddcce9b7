"""Shared by the benchmark scripts: where the 100,000-client database lives."""

from __future__ import annotations

import os
import statistics
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
