"""Shared by the Python references of `make bench`: the timing protocol of bench/timing.ts,
eight-Gaussian real data, and the one JSON line bench/run.ts reads.

Protocol: warm up (>= warmup_steps steps and >= warmup_seconds), fix the steps per repeat
n = clamp(ceil(repeat_seconds / t_last), 1, max_steps) from the last warm-up step, time
`repeats` repeats of n steps, report the median steps/s. Every step reads its losses back.
"""
import json
import math
import os
import statistics
import sys
import time

RESULT_PREFIX = "BENCH_RESULT "


def timing_plan():
    """The plan of bench/timing.ts timingPlan(quick, slowBackend=False)."""
    if os.environ.get("BENCH_QUICK", "0") == "1":
        return dict(warmup_steps=1, warmup_seconds=0.0, repeat_seconds=0.0, repeats=1, max_steps=1)
    return dict(warmup_steps=5, warmup_seconds=1.0, repeat_seconds=3.0, repeats=5, max_steps=1000)


def latent_dim():
    return int(os.environ.get("BENCH_LATENT", "10"))


def time_steps(step, plan):
    start = last = time.perf_counter()
    done, last_duration = 0, 0.0
    while done < plan["warmup_steps"] or time.perf_counter() - start < plan["warmup_seconds"]:
        step()
        now = time.perf_counter()
        last_duration, last = now - last, now
        done += 1
    steps = max(1, min(plan["max_steps"], math.ceil(plan["repeat_seconds"] / max(last_duration, 1e-6))))
    rates = []
    for _ in range(plan["repeats"]):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(steps / (time.perf_counter() - t0))
    return dict(steps=steps, repeats=plan["repeats"], rates=rates, median=statistics.median(rates), min=min(rates), max=max(rates))


PEAK_SHAPES = [(512, 512, 512), (512, 256, 256), (256, 128, 128)]


def peak_gflops(matmul_seconds):
    """Best GFLOP/s per shape of PEAK_SHAPES; matmul_seconds(m, k, n, reps) times reps products."""
    quick = os.environ.get("BENCH_QUICK", "0") == "1"
    out = []
    for m, k, n in PEAK_SHAPES:
        flops = 2 * m * k * n
        matmul_seconds(m, k, n, 1)
        reps = max(1, math.ceil((0.05 if quick else 0.4) / max(matmul_seconds(m, k, n, 1), 1e-6)))
        best = max(flops * reps / matmul_seconds(m, k, n, reps) / 1e9 for _ in range(2 if quick else 7))
        out.append(dict(shape=f"[{m},{k}]x[{k},{n}]", gflops=best))
    return out


def eight_gaussians(rng, n):
    """0.2 N(0, I) + 2 (cos 2 pi k / 8, sin 2 pi k / 8), k uniform in 0..7 -> [n, 2] float32."""
    import numpy as np  # here, so that the "not installed" report works without numpy

    angle = 2 * np.pi * rng.integers(0, 8, size=n) / 8
    centres = 2 * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return (centres + 0.2 * rng.standard_normal((n, 2))).astype(np.float32)


def emit(report):
    print(RESULT_PREFIX + json.dumps(report), flush=True)


def time_and_emit(backend, versions, matmul_seconds, implementation, step, variants=()):
    """Peak matMul, then the timed steps of one implementation, then of each variant
    (name, prepare): prepare() is called, then the same step is timed again; emits the report.
    An exception inside a step is reported as that row's status, never fails the benchmark."""
    report = dict(backend=backend, status="ok", versions=versions, peak=peak_gflops(matmul_seconds), results=[])
    for name, prepare in [(implementation, None), *variants]:
        try:
            if prepare is not None:
                prepare()
            timing = time_steps(step, timing_plan())
            report["results"].append(dict(implementation=name, members=1, status="ok", timing=timing))
            print(f"  {name}: {timing['median']:.3f} steps/s", file=sys.stderr)
        except Exception as e:  # noqa: BLE001
            report["results"].append(dict(implementation=name, members=1, status=f"error: {e}"))
    emit(report)
