"""The gallery report of a big list in a real browser: how soon a 5,000-entry page is usable.

Target (issue 18): first cards painted and the filters working within 2 s in headless
Chromium. The list is `fixtures/listgen.py`'s (every tenth entry given the figure before it, as
`html_report.py` does, for findings to filter), with every figure a real 480x300 PNG (a
checkerboard: small on disk, full-size to decode) so that the browser pays for figures as it
would on a real list. The page is rendered in-process from one lint run; with ``--before
REV`` the same run is also rendered by `awesome_lint/report_html.py` as it was at git
revision REV, and both pages are measured in the same browser, interleaved, for a ratio.

Measured per page load (median of ``--runs``):
- first paint: the page's first contentful paint (the header and first cards);
- interactive: the script has run (DOMContentLoaded) and a severity filter, unchecked
  then, has hidden its findings and repainted: the page answers a reader;
- load: the load event, when every figure the page asked for at once has arrived.

    .venv/bin/python benchmarks/gallery_browser.py [--entries 5000] [--runs 5] [--before REV]

Needs Debian's chromium (/usr/bin/chromium) and Playwright (the test extras).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from html_report import share_figures  # noqa: E402
from listgen import write_list  # noqa: E402

from awesome_lint import report_html  # noqa: E402
from awesome_lint.run import CheckOptions, run  # noqa: E402

TARGET_SECONDS = 2.0
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
MEASURE_JS = """async () => {
  const box = document.querySelector("input[data-filter=rule]");
  box.checked = false;
  box.dispatchEvent(new Event("change", {bubbles: true}));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const filtered = performance.now();
  const hidden = document.querySelectorAll(".f[data-sev][hidden]").length;
  return {filtered: filtered, hidden: hidden,
          cards: document.querySelectorAll(".card").length};
}"""


def figure_png(width: int = 480, height: int = 300) -> bytes:
    """A checkered PNG: a few KB on disk, width x height pixels to decode."""
    rows = b"".join(
        b"\x00"
        + bytes(v for x in range(width) for v in (255 * ((x // 20 + y // 20) % 2), 90, y % 256))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def renderer_at(revision: str, folder: Path) -> ModuleType:
    """`awesome_lint/report_html.py` as it was at ``revision``, importable beside today's."""
    source = subprocess.run(
        ["git", "show", f"{revision}:awesome_lint/report_html.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = folder / "report_html_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("awesome_lint.report_html_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def measure(browser: Any, page_path: Path) -> dict[str, float]:
    """Seconds from navigation start: first paint, interactive (a filter toggled as soon as
    the script has run, and repainted) and the load event."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    page.goto(page_path.as_uri(), wait_until="domcontentloaded", timeout=120_000)
    found = page.evaluate(MEASURE_JS)
    page.wait_for_load_state("load", timeout=300_000)
    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    paint = page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0"
    )
    page.close()
    assert found["hidden"] > 0 and found["cards"] > 0, found  # the filter really worked
    return {
        "first paint": paint / 1000,
        "interactive": max(paint, found["filtered"]) / 1000,
        "load": load / 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", metavar="REV", help="also measure the renderer at REV")
    arguments = parser.parse_args()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        readme = write_list(folder / "list", arguments.entries)
        share_figures(readme)  # findings and pairs (AL202), as a real list has
        figure = figure_png()
        for image in (folder / "list" / "images").iterdir():
            image.write_bytes(figure)
        result = run(CheckOptions(paths=(readme,), online=False))
        renderers = {"now": report_html}
        if arguments.before:
            renderers = {"before": renderer_at(arguments.before, folder), **renderers}
        pages = {}
        for name, module in renderers.items():
            pages[name] = folder / f"{name}.html"
            pages[name].write_text(
                module.gallery(result.documents, result.diagnostics, report_dir=folder),
                encoding="utf-8",
            )
        print(
            f"{arguments.entries} entries, {len(result.diagnostics)} findings, "
            f"figures {len(figure):,} bytes each; page sizes: "
            + ", ".join(f"{n} {p.stat().st_size / 1e6:.2f} MB" for n, p in pages.items())
        )
        times: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for _ in range(arguments.runs):
                for name, path in pages.items():
                    times[name].append(measure(browser, path))
            browser.close()
    medians = {
        name: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        for name, runs in times.items()
    }
    for name, values in medians.items():
        print(
            f"{name:>6}: first paint {values['first paint']:.2f} s, interactive "
            f"{values['interactive']:.2f} s, load {values['load']:.2f} s"
        )
    now = medians["now"]
    if "before" in medians:
        before = medians["before"]
        print(
            "ratio now/before: "
            + ", ".join(f"{key} {now[key] / before[key]:.2f}" for key in ("interactive", "load"))
        )
    verdict = "meets" if now["interactive"] <= TARGET_SECONDS else "MISSES"
    print(f"interactive {now['interactive']:.2f} s {verdict} the {TARGET_SECONDS:.0f} s target")


if __name__ == "__main__":
    main()
