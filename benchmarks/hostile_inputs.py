"""Hostile inputs (issues 9, 20, 21): awesome-lint's time against markdown-it-py's own parse.

Each case is written to a temporary folder, then timed as fresh processes, interleaved
with a baseline process that only parses the same markdown file with markdown-it-py
(CommonMark, tables and HTML on, as lint_speed.py does). Target: every ratio at most 3x,
2x for issue 21's cases.

Cases: the six inputs that were quadratic in the parser and the suppression comments,
a config glob with eleven ``**/`` against a path 26 folders deep, ``--diff`` and ``--fix``
with tens of thousands of fixes; a quote and 100,000 spaces in a block entry, a bulleted
item and a table cell (issue 20: under a second each); issue 21's linear-time table at four
times the sizes the issue timed (``fixtures/hostile.py``'s RULE_CASES).

``--growth`` instead times every hostile family of ``fixtures/hostile.py`` (in every
reader's place at once) and every rule case at n and 2n, and prints the ratio per doubling
(about 2 is linear, 4 quadratic).

    .venv/bin/python benchmarks/hostile_inputs.py [--runs 3] [--timeout 120] [--only NAME]
    .venv/bin/python benchmarks/hostile_inputs.py --growth [--size 20000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))

from hostile import FAMILIES, RULE_CASES, hostile_list  # noqa: E402

BASELINE = (
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "md = MarkdownIt('commonmark', {'html': True}).enable('table')\n"
    "md.parse(open(sys.argv[1], encoding='utf-8').read())\n"
)
TARGET = 3.0
STYLE_CONFIG = "rules:\n  AL306: {form: abs}\n"


@dataclass
class Case:
    name: str
    describe: str
    build: Callable[[Path], Path]  # writes the input into a folder; the file to lint
    args: list[str] = field(default_factory=list)
    restore: bool = False  # --fix rewrites the file: restore it before every run
    target: float = TARGET


def _write(folder: Path, text: str, name: str = "README.md", config: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if config:
        (folder / ".awesome-lint.yml").write_text(config, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _pdf_links(count: int) -> str:
    rows = [f"- [Paper {n}](https://arxiv.org/pdf/{2101 + n // 90000}.{n % 90000 + 1:05d})"
            for n in range(count)]  # fmt: skip
    return "# Papers\n\n" + "\n".join(rows) + "\n"


SPACES = " " * 100_000
PAPER = "https://arxiv.org/abs/2101.00001"
QUOTED = {
    "block": f'# Papers\n\n**A Title of a Paper**<br>\n"{SPACES}<br>\n[[Paper]({PAPER})]\n',
    "bullet": f'# Papers\n\n- **Name**: "{SPACES} [Paper]({PAPER})\n',
    "cell": (
        f'# Papers\n\n| Title | Paper |\n|---|---|\n| **Name**: "{SPACES} | [Paper]({PAPER}) |\n'
    ),
}


def _glob(folder: Path) -> Path:
    deep = folder / ("a/" * 26)
    shutil.copytree(ROOT / "fixtures" / "clean", deep)
    (folder / ".awesome-lint.yml").write_text(
        'exclude: ["' + "**/" * 11 + '*.txt"]\n', encoding="utf-8"
    )
    return deep / "README.md"


CASES = [
    Case(
        "summary-unclosed",
        "<details> and 20,000 unclosed <summary> tags (180 KB)",
        lambda d: _write(d, "<details>\n" + "<summary>" * 20_000 + "\n"),
    ),
    Case(
        "summary-then-lt",
        "<details><summary> followed by 100,000 '<'",
        lambda d: _write(d, "<details>\n<summary>" + "<" * 100_000 + "\n"),
    ),
    Case(
        "details-a",
        "<details> and 70,000 '<a '",
        lambda d: _write(d, "<details>" + "<a " * 70_000 + "\n"),
    ),
    Case(
        "disable-unclosed",
        "8,000 unclosed '<!-- awesome-lint-disable' on one line",
        lambda d: _write(d, "<!-- awesome-lint-disable " * 8_000 + "\n"),
    ),
    Case(
        "header-lt",
        "a table header cell of 100,000 '<'",
        lambda d: _write(d, "| " + "<" * 100_000 + " |\n|---|\n| x |\n"),
    ),
    Case(
        "img-src",
        "one <img> with 20,000 'src='",
        lambda d: _write(d, "<img " + "src=x " * 20_000 + ">\n"),
    ),
    Case(
        "glob",
        "an exclude glob with eleven '**/' against a path 26 folders deep",
        _glob,
    ),
    Case(
        "diff-60k",
        "--diff with 60,000 fixes (AL306, /pdf/ -> /abs/)",
        lambda d: _write(d, _pdf_links(60_000), config=STYLE_CONFIG),
        ["--select", "AL306", "--diff"],
    ),
    Case(
        "fix-15k",
        "--fix with 15,000 fixes (AL306, /pdf/ -> /abs/)",
        lambda d: _write(d, _pdf_links(15_000), config=STYLE_CONFIG),
        ["--select", "AL306", "--fix"],
        restore=True,
    ),
    *(
        Case(
            f"quote-spaces-{place}",
            f"a quote and 100,000 spaces in a {place}",
            lambda d, text=text: _write(d, text),
        )
        for place, text in QUOTED.items()
    ),
    *(
        Case(
            name,
            f"{what}, n = {4 * size:,}",
            lambda d, build=build, n=4 * size: _write(d, build(n)),
            target=2.0,
        )
        for name, (what, build, size) in RULE_CASES.items()
    ),
]


def _time(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> float | None:
    """Wall seconds of one fresh process; None when it ran past ``timeout``."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def measure(case: Case, work: Path, runs: int, timeout: float) -> tuple[float, float | None]:
    folder = work / case.name
    path = case.build(folder)
    original = path.read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    baseline = [sys.executable, "-c", BASELINE, str(path)]
    ours = [sys.executable, "-m", "awesome_lint", "--offline", *case.args, str(path)]
    times: dict[str, list[float]] = {"baseline": [], "ours": []}
    timed_out = False
    for _ in range(runs):
        times["baseline"].append(_time(baseline, folder, env, timeout) or timeout)
        if case.restore:
            path.write_bytes(original)
        seconds = _time(ours, folder, env, timeout)
        if seconds is None:
            timed_out = True
            break  # one run over the limit says enough
        times["ours"].append(seconds)
    base = statistics.median(times["baseline"])
    return base, None if timed_out else statistics.median(times["ours"])


def growth(size: int, timeout: float, only: list[str] | None) -> None:
    """Time per doubling of n for each hostile family and rule case (one run each)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    builds: dict[str, Callable[[int], str]] = {
        **{f"family {name}": (lambda n, name=name: hostile_list(name, n)) for name in FAMILIES},
        **{f"rule {name}": build for name, (_, build, _) in RULE_CASES.items()},
    }
    print(f"one run each, fresh processes; n = {size:,} and {2 * size:,}")
    with tempfile.TemporaryDirectory(prefix="awesome-lint-growth-") as folder:
        for name, build in builds.items():
            if only and name.split(" ", 1)[1] not in only:
                continue
            times = []
            for n in (size, 2 * size):
                path = _write(Path(folder) / name.replace(" ", "-"), build(n))
                command = [sys.executable, "-m", "awesome_lint", "--offline", str(path)]
                times.append(_time(command, path.parent, env, timeout))
            if None in times:
                print(f"{name:34} over {timeout:g} s")
                continue
            small, large = times
            assert small is not None and large is not None
            print(f"{name:34} {small:.3f} s -> {large:.3f} s: x{large / small:.2f} per doubling")
            sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    parser.add_argument("--growth", action="store_true", help="time per doubling of n")
    parser.add_argument("--size", type=int, default=20_000, help="n for --growth")
    args = parser.parse_args()
    if args.growth:
        growth(args.size, args.timeout, args.only)
        return 0
    cases = [c for c in CASES if not args.only or c.name in args.only]
    ok = True
    print(f"{args.runs} runs each (median), fresh processes; target <= {TARGET}x (or as shown)")
    with tempfile.TemporaryDirectory(prefix="awesome-lint-hostile-") as folder:
        work = Path(folder)  # outside any repository: no config upward
        for case in cases:
            base, ours = measure(case, work, args.runs, args.timeout)
            if ours is None:
                ok = False
                print(f"{case.name:18} {case.describe}: over {args.timeout:g} s "
                      f"(markdown-it-py {base:.3f} s)  OVER TARGET")  # fmt: skip
                continue
            ratio = ours / base
            verdict = "OK" if ratio <= case.target else f"OVER TARGET ({case.target:g}x)"
            ok &= ratio <= case.target
            print(f"{case.name:18} {case.describe}: {ours:.3f} s vs markdown-it-py "
                  f"{base:.3f} s = {ratio:.2f}x  {verdict}")  # fmt: skip
            sys.stdout.flush()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
