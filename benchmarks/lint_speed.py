"""Offline lint speed and memory against a markdown-it-only baseline, measured side by side.

Targets (issue 2): on a generated 1,000-entry list in the seed's format, `awesome-lint
--offline` takes at most 1.5x the wall time and 1.5x the peak memory of a process that only
parses the same file with markdown-it-py; on the seed list, at most 2x the time; on the
biggest corpus lists (bulleted and block formats, issue 7), at most 1.5x the time.

Each figure is the median of several fresh processes, run interleaved (baseline, ours,
baseline, ours, ...) so that machine noise hits both alike. No config file is present.

    .venv/bin/python benchmarks/lint_speed.py [--runs 9] [--entries 1000] [--against DIR]

``--against DIR`` times another source checkout of awesome-lint (``git archive main | tar
-x -C DIR``) in the same interleaving, and prints this checkout's time over its time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))

from listgen import write_list  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "README.md"
CORPUS = ROOT.parent / "shared" / "corpus"
# The biggest corpus lists, in the formats other than pipe tables.
BIG_LISTS = (
    "hee9joon__Awesome-Diffusion-Models/README.md",
    "liliu-avril__Awesome-Segment-Anything/README.md",
)
BASELINE = (
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "md = MarkdownIt('commonmark', {'html': True}).enable('table')\n"
    "md.parse(open(sys.argv[1], encoding='utf-8').read())\n"
)


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(
            f"{command} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss  # KiB on Linux


def compare(path: Path, runs: int, cwd: Path, against: Path | None = None) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    python = sys.executable
    commands = {
        "baseline": ([python, "-c", BASELINE, str(path)], env),
        # this checkout first on the path, whatever the environment has installed
        "ours": (
            [python, "-m", "awesome_lint", "--offline", str(path)],
            {**env, "PYTHONPATH": str(ROOT)},
        ),
    }
    if against is not None:
        commands["other"] = (
            [python, "-m", "awesome_lint", "--offline", str(path)],
            {**env, "PYTHONPATH": str(against)},
        )
    for command, environment in commands.values():  # warm up: bytecode, file cache
        run(command, cwd, environment)
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, environment) in commands.items():
            seconds, kib = run(command, cwd, environment)
            times[name].append(seconds)
            memory[name].append(kib)
    result = {
        "baseline_s": statistics.median(times["baseline"]),
        "ours_s": statistics.median(times["ours"]),
        "baseline_mib": statistics.median(memory["baseline"]) / 1024,
        "ours_mib": statistics.median(memory["ours"]) / 1024,
    }
    result["time_ratio"] = result["ours_s"] / result["baseline_s"]
    result["memory_ratio"] = result["ours_mib"] / result["baseline_mib"]
    if against is not None:
        result["other_s"] = statistics.median(times["other"])
        result["other_mib"] = statistics.median(memory["other"]) / 1024
    return result


def report(
    name: str, result: dict[str, float], time_target: float, memory_target: float | None
) -> bool:
    ok = result["time_ratio"] <= time_target and (
        memory_target is None or result["memory_ratio"] <= memory_target
    )
    memory = (
        f"memory {result['ours_mib']:.1f} / {result['baseline_mib']:.1f} MiB = "
        f"{result['memory_ratio']:.2f}x"
        + (f" (target <= {memory_target}x)" if memory_target else "")
    )
    print(
        f"{name}: time {result['ours_s']:.3f} / {result['baseline_s']:.3f} s = "
        f"{result['time_ratio']:.2f}x (target <= {time_target}x); {memory}  "
        f"{'OK' if ok else 'OVER TARGET'}"
    )
    if "other_s" in result:
        print(
            f"  against the other checkout: time {result['ours_s']:.3f} / "
            f"{result['other_s']:.3f} s = {result['ours_s'] / result['other_s']:.2f}x; memory "
            f"{result['ours_mib']:.1f} / {result['other_mib']:.1f} MiB"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument(
        "--against", type=Path, help="another source checkout to time in the same runs"
    )
    args = parser.parse_args()
    against = args.against.resolve() if args.against else None
    ok = True
    with tempfile.TemporaryDirectory(prefix="awesome-lint-bench-") as folder:
        work = Path(folder)  # outside the repository: no config file upward
        listing = write_list(work / "list", args.entries)
        size = listing.stat().st_size
        print(
            f"generated list: {args.entries} entries, {size / 1024:.0f} KiB; {args.runs} runs each"
        )
        ok &= report(
            f"{args.entries}-entry list", compare(listing, args.runs, work, against), 1.5, 1.5
        )
        if SEED.exists():
            ok &= report("seed list", compare(SEED, args.runs, work, against), 2.0, None)
        else:
            print(f"seed list: skipped ({SEED} not found)")
        for name in BIG_LISTS:
            path = CORPUS / name
            if not path.exists():
                print(f"{name}: skipped (not found)")
                continue
            copy = work / name.replace("/", "-")  # outside the corpus: no config upward
            copy.write_bytes(path.read_bytes())
            ok &= report(
                f"{name} ({path.stat().st_size // 1024} KiB)",
                compare(copy, args.runs, work, against),
                1.5,
                None,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
