"""Profile one in-process ``factcheck run`` on a synthetic corpus and show where the time goes.

``python bench/profile_run.py 2000`` generates (or reuses) a seeded corpus of
2,000 articles, runs :func:`factcheck.engine.run` once to warm imports, then
once more under cProfile with the cache off (``--cache`` keeps it on), and
prints the time of each pipeline stage and the hottest functions.  Comparing
two sizes shows which stage grows faster than the corpus (``--compare 1000``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

# Functions whose cumulative time is a pipeline stage.
STAGES = {
    "ingest": ("ingest.py", "load_corpus"),
    "extract": ("engine.py", "_extract_all"),
    "claims table": ("table.py", "claims_frame"),
    "stories": ("stories.py", "assign_stories"),
    "facts": ("facts.py", "assign_facts"),
    "checks (all analysis)": ("checks/__init__.py", "analyze"),
    "whole run": ("engine.py", "run"),
}


def profile(corpus: Path, use_cache: bool, cache_dir: Path) -> tuple[float, pstats.Stats]:
    """Run the pipeline on ``corpus`` under cProfile; return wall time and stats."""
    from factcheck.engine import RunConfig, run

    config = RunConfig(paths=[str(corpus)], use_cache=use_cache, cache_dir=cache_dir, claims_mode="cited")
    run(config)  # imports, rule compilation and (with --cache) a warm cache
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    run(config)
    profiler.disable()
    return time.perf_counter() - started, pstats.Stats(profiler)


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Return the cumulative seconds of each pipeline stage."""
    table = stats.stats  # type: ignore[attr-defined]
    times: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in table.items():
        for stage, (suffix, function) in STAGES.items():
            if name == function and filename.replace("\\", "/").endswith(suffix):
                times[stage] = max(times.get(stage, 0.0), cumulative)
    return times


def main(argv: list[str] | None = None) -> int:
    """Profile a run and print stage times and hot spots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("articles", type=int, nargs="?", default=2000)
    parser.add_argument("--compare", type=int, default=None, help="also profile this size and show growth")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", action="store_true", help="profile a warm-cache run")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-profile")
    args = parser.parse_args(argv)

    from factcheck.synth import generate_corpus

    sizes = [args.articles] + ([args.compare] if args.compare else [])
    results: dict[int, tuple[float, pstats.Stats]] = {}
    for size in sizes:
        corpus = args.workdir / f"corpus-{size}-seed{args.seed}"
        if not (corpus / "ground_truth.json").is_file():
            generate_corpus(corpus, size, seed=args.seed)
        results[size] = profile(corpus, args.cache, args.workdir / f"cache-{size}")
        print(f"{size} articles: {results[size][0]:.2f} s ({size / results[size][0]:.0f} articles/s)")

    base = stage_times(results[args.articles][1])
    other = stage_times(results[args.compare][1]) if args.compare else {}
    print()
    header = f"{'stage':24} {args.articles:>10}" + (f" {args.compare:>10} {'growth':>8}" if args.compare else "")
    print(header)
    for stage in STAGES:
        line = f"{stage:24} {base.get(stage, 0.0):10.2f}"
        if args.compare:
            grown = other.get(stage, 0.0) / base[stage] if base.get(stage) else float("nan")
            line += f" {other.get(stage, 0.0):10.2f} {grown:8.1f}"
        print(line)
    if args.compare:
        print(f"(the corpus grew {args.compare / args.articles:.1f}x: a stage growing faster is superlinear)")
    out = io.StringIO()
    biggest = max(sizes)
    results[biggest][1].stream = out  # type: ignore[attr-defined]
    results[biggest][1].sort_stats("tottime").print_stats(args.top)
    print(f"\nhottest functions by own time at {biggest} articles:")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-6000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
