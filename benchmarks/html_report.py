"""The gallery report's cost: `--format html` against `--format text` on a 1,000-entry list.

Targets (issue 13): the HTML report takes less than 1 s more than the text report, and is
smaller than 2 MB without embedded figures.

The list is `fixtures/listgen.py`'s, with every tenth entry given the previous entry's
figure, so that the report also carries findings and pairs (AL202) as a real list's would.
Each time is the median of fresh processes, run interleaved (text, html, text, html, ...)
so that machine noise hits both alike; both write their report to a file.

    .venv/bin/python benchmarks/html_report.py [--runs 9] [--entries 1000]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))

from listgen import write_list  # noqa: E402

EXTRA_SECONDS = 1.0
MAX_BYTES = 2_000_000
FIGURE = re.compile(r'<img src="(\./images/[^"]+)"')


def share_figures(readme: Path, every: int = 10) -> int:
    """Give every ``every``-th entry the figure of the entry before it; returns how many."""
    lines = readme.read_text(encoding="utf-8").split("\n")
    previous = None
    seen = shared = 0
    for number, line in enumerate(lines):
        match = FIGURE.search(line)
        if not match:
            continue
        seen += 1
        if previous is not None and seen % every == 0:
            lines[number] = line.replace(match.group(1), previous, 1)
            shared += 1
        else:
            previous = match.group(1)
    readme.write_text("\n".join(lines), encoding="utf-8")
    return shared


def run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY",)}
    env["NO_COLOR"] = "1"
    with tempfile.TemporaryDirectory(prefix="awesome-lint-html-bench-") as folder:
        work = Path(folder)  # outside the repository: no config file upward
        readme = write_list(work / "list", args.entries)
        shared = share_figures(readme)
        base = [sys.executable, "-m", "awesome_lint", "--offline", str(readme)]
        commands = {
            "text": [*base, "--format", "text", "--output", str(work / "report.txt")],
            "html": [*base, "--format", "html", "--output", str(work / "report.html")],
        }
        for command in commands.values():  # warm up: bytecode caches, file cache
            run(command, work, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(run(command, work, env))
        text_s = statistics.median(times["text"])
        html_s = statistics.median(times["html"])
        size = (work / "report.html").stat().st_size
        run([*commands["html"], "--embed-images"], work, env)
        embedded = (work / "report.html").stat().st_size
        findings = (work / "report.txt").read_text(encoding="utf-8").count("\n") - 1

    extra = html_s - text_s
    time_ok, size_ok = extra < EXTRA_SECONDS, size < MAX_BYTES
    print(
        f"list: {args.entries} entries, {shared} sharing a figure, {findings} findings; "
        f"median of {args.runs} fresh processes each, interleaved"
    )
    print(
        f"time: --format html {html_s:.3f} s, --format text {text_s:.3f} s, "
        f"difference {extra:+.3f} s (target < {EXTRA_SECONDS:.0f} s)  "
        f"{'OK' if time_ok else 'OVER TARGET'}"
    )
    print(
        f"size: {size / 1e6:.2f} MB without embedded figures (target < {MAX_BYTES / 1e6:.0f} MB)"
        f"  {'OK' if size_ok else 'OVER TARGET'}; {embedded / 1e6:.2f} MB with --embed-images"
    )
    return 0 if time_ok and size_ok else 1


if __name__ == "__main__":
    sys.exit(main())
