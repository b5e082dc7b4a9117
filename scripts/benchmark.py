"""Build-cost benchmark of the handbook: a synthetic handbook of N pages per language.

For each N it generates pages of about 600 words in both languages with valid
review front matter, in nav sections of a few dozen pages, builds them with the
project's configuration, and prints for each N the median of several runs:
wall and CPU seconds, peak memory, site size, a typical page's size and each
language's search index; and the ratio of the build with the project's hooks
and templates to the plain stack (the same pages without them), measured in
the same run. It also times the
editor tools' `report` and `check` over the same pages, and over
--tools-pages pages per language without building them.

The page history: a synthetic handbook of --history-pages pages per language
in a Git repository of --commits commits spread over its pages (made with
`git fast-import`), built with its history and the same tree without it
(HANDBOOK_HISTORY=off), and without the PDF's source either; interleaved, in
the same run, medians and the ratios. Then the time to make both PDFs
(scripts/handbook_pdf.py) at --pdf-pages pages per language.

Then it measures the live preview at --preview-pages pages per language: the
seconds from saving an edit of one page to chromium showing it, for a text
edit and a title edit with `make serve`'s command, and for a text edit with
plain `mkdocs serve` (which rebuilds every page). Run `make test` once first:
it installs Playwright and chromium.

    python scripts/benchmark.py                       # N = 10, 100, 300, history at 1000, PDFs at 100; about 15 minutes
    python scripts/benchmark.py --pages 100,1000,2000 --runs 3
    python scripts/benchmark.py --pages 10 --runs 1 --edits 9    # mostly the preview
    python scripts/benchmark.py --pages 0 --tools-pages 0 --preview-pages 0 --runs 3    # history and PDF only

Timings on a shared machine are noisy: compare medians and ratios from one run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook_testing import chromium
from handbook_engine.publishing.build_environment import build_environment
from handbook_testing.loopback import free_port
from handbook_testing.preview_server import PreviewServer, save
from handbook_testing.synthetic_handbook import TODAY, git_history, page_key, synthetic_handbook

ROOT = Path(__file__).resolve().parent.parent
PARTIAL_REBUILD = "Live preview: rebuilding the saved pages only"


@dataclass
class Measurement:
    wall: float
    cpu: float
    peak_rss_mib: float

    @classmethod
    def median(cls, results: Sequence[Measurement]) -> Measurement:
        return cls(*(statistics.median(getattr(r, name) for r in results) for name in ("wall", "cpu", "peak_rss_mib")))


def mkdocs_build(config_file: Path, site: Path) -> list[str]:
    """The command of a strict build of `config_file` into `site`."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)]


def timed(command: list[str], env: dict[str, str]) -> Measurement:
    """Run `command`; its wall time, CPU time and peak memory (of the process itself)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark: {' '.join(command)} failed:\n{stderr[-3000:]}")
    return Measurement(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def median_build(project: Path, runs: int, env: dict[str, str]) -> Measurement:
    return Measurement.median([timed(mkdocs_build(project / "mkdocs.yml", project / "site"), env) for _ in range(runs)])


def history_benchmark(scratch: Path, pages: int, commits: int, runs: int, env: dict[str, str]) -> None:
    """The build with its page history against the same tree without it, and without the PDF's source too."""
    project = synthetic_handbook(scratch / f"history-{pages}", pages, hooks=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-no-pdf.yml").write_text(config.replace("  - hooks/print_edition.py\n", ""), encoding="utf-8")
    git_history(project, commits, random.Random(commits))
    variants = {
        "with history": (project / "mkdocs.yml", {**env, "HANDBOOK_HISTORY": "git"}),
        "without history": (project / "mkdocs.yml", env),
        "without history or PDF source": (project / "mkdocs-no-pdf.yml", env),
    }
    measured: dict[str, list[Measurement]] = {name: [] for name in variants}
    for _ in range(runs):  # interleaved, so that machine noise hits every variant alike
        for name, (config_file, variant_env) in variants.items():
            measured[name].append(timed(mkdocs_build(config_file, project / "site"), variant_env))
    print(f"\npage history, {pages} pages per language, {commits} commits, median of {runs} interleaved builds")
    print(f"{'':32}  wall s  cpu s  peak MiB")
    for name, results in measured.items():
        print(f"{name:32}  {statistics.median(r.wall for r in results):6.2f}  {statistics.median(r.cpu for r in results):5.2f}  "
              f"{statistics.median(r.peak_rss_mib for r in results):8.0f}")

    def ratio(numerator: str, denominator: str, field: str) -> float:
        return statistics.median(getattr(a, field) / getattr(b, field) for a, b in zip(measured[numerator], measured[denominator]))

    print(f"with / without history: wall {ratio('with history', 'without history', 'wall'):.3f}, "
          f"cpu {ratio('with history', 'without history', 'cpu'):.3f} (goal: at most 1.05)")
    print(f"without history, with / without the PDF's source: wall {ratio('without history', 'without history or PDF source', 'wall'):.3f}, "
          f"cpu {ratio('without history', 'without history or PDF source', 'cpu'):.3f}")
    shutil.rmtree(project)


def pdf_benchmark(scratch: Path, pages: int, runs: int, env: dict[str, str]) -> None:
    """Seconds to make both languages' PDFs from a built site, as `make build` and publishing do."""
    project = synthetic_handbook(scratch / f"pdf-{pages}", pages, hooks=True)
    site = project / "site"
    build = mkdocs_build(project / "mkdocs.yml", site)
    results = []
    for _ in range(runs):
        timed(build, env)  # each PDF run consumes the sources the build writes
        results.append(timed([sys.executable, str(ROOT / "scripts" / "handbook_pdf.py"), str(site)], env))
    sheets = []
    for pdf in sorted(site.rglob("handbook.pdf")):
        sheets.append(f"{pdf.relative_to(site)} {mb(pdf.stat().st_size)}")
    print(f"\nPDFs at {pages} pages per language (both languages, median of {runs}): "
          f"wall {statistics.median(r.wall for r in results):.1f} s, cpu {statistics.median(r.cpu for r in results):.1f} s, "
          f"peak {statistics.median(r.peak_rss_mib for r in results):.0f} MiB; {', '.join(sheets)}")
    shutil.rmtree(project)


def editor_tools(project: Path, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall seconds of the editors' `report` (as JSON) and `check` over the project's pages."""
    tool = [sys.executable, str(ROOT / "scripts" / "handbook.py"), "--config", str(project / "mkdocs.yml")]
    report = statistics.median(timed(tool + ["report", "--format", "json"], env).wall for _ in range(runs))
    check = statistics.median(timed(tool + ["check"], env).wall for _ in range(runs))
    return report, check


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} KB"


def preview_seconds(project: Path, env: dict[str, str], *, dirty: bool, title: bool, edits: int) -> tuple[list[float], int]:
    """Seconds from saving an edit of one page to chromium showing it, for each of `edits` saves;
    and how many of the rebuilds were of the saved page only."""
    from playwright.sync_api import sync_playwright  # only this measurement needs a browser

    key = page_key(len(list((project / "docs").rglob("*.en.md"))) // 2)
    source = project / "docs" / f"{key}.md"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    if title:  # front matter: every page shows it in the navigation
        edited = next(number for number, line in enumerate(lines) if line.startswith("title: "))
    else:  # the paragraph below the first heading
        edited = next(number for number, line in enumerate(lines) if line.startswith("## ")) + 2
    seconds = []
    with (tempfile.TemporaryDirectory(prefix="handbook-benchmark-profile-") as profile,
          PreviewServer(project, free_port(), env, dirty=dirty) as preview, sync_playwright() as playwright):
        browser = chromium.launch(playwright, Path(profile))
        page = browser.new_page()
        page.goto(f"{preview.address}{key}/")
        for number in range(edits):
            marker = f"meetpunt{number}x"
            changed = lines.copy()
            changed[edited] = lines[edited].rstrip("\n") + f" {marker}\n"
            start = time.perf_counter()
            save(source, "".join(changed))
            page.wait_for_function(f"document.querySelector('article')?.innerText.includes('{marker}')", timeout=120_000)
            seconds.append(time.perf_counter() - start)
        browser.close()
        partial = sum(PARTIAL_REBUILD in line for line in preview.lines)
    source.write_text("".join(lines), encoding="utf-8")
    return seconds, partial


def preview_benchmark(scratch: Path, pages: int, edits: int, env: dict[str, str]) -> None:
    project = synthetic_handbook(scratch / f"preview-{pages}", pages, hooks=True)
    kinds = [
        ("text edit, make serve (rebuilds the saved page)", True, False),
        ("title edit, make serve (rebuilds every page)", True, True),
        ("text edit, mkdocs serve without --dirty (every page)", False, False),
    ]
    print(f"\nlive preview, {pages} pages per language: seconds from saving an edit to chromium showing it ({edits} saves)")
    print(f"{'':54}  median   min   max  saved page only")
    medians = []
    for label, dirty, title in kinds:
        seconds, partial = preview_seconds(project, env, dirty=dirty, title=title, edits=edits)
        medians.append(statistics.median(seconds))
        print(f"{label:54}  {medians[-1]:6.2f}  {min(seconds):4.2f}  {max(seconds):4.2f}  {partial:>7}/{edits}", flush=True)
    print(f"text edit, make serve / without --dirty: {medians[0] / medians[2]:.2f}")


def page_counts(text: str) -> list[int]:
    """--pages: pages per language, separated by commas; 0 alone skips the builds (like the other options' 0)."""
    try:
        counts = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected whole numbers separated by commas, like 10,100,300") from None
    if counts == [0]:
        return []
    if min(counts) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a handbook has at least 1 page per language; 0 alone skips the builds")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=page_counts, default="10,100,300",
                        help="comma-separated pages per language for the build table; 0 skips it (default: 10,100,300)")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the median is shown (default: 3)")
    parser.add_argument("--tools-pages", type=int, default=1000, help="pages per language for timing report and check alone; 0 skips it (default: 1000; the target is under 0.5 s)")
    parser.add_argument("--preview-pages", type=int, default=100, help="pages per language for the live preview; 0 skips it (default: 100)")
    parser.add_argument("--edits", type=int, default=5, help="saves per kind of edit in the live preview (default: 5)")
    parser.add_argument("--history-pages", type=int, default=1000, help="pages per language for the page history's cost; 0 skips it (default: 1000; the goal is at most 5%% extra)")
    parser.add_argument("--commits", type=int, default=5000, help="commits in the history benchmark's repository (default: 5000)")
    parser.add_argument("--pdf-pages", type=int, default=100, help="pages per language for the time to make the PDFs; 0 skips it (default: 100)")
    args = parser.parse_args(argv)
    # Without the Git history unless measured: the synthetic handbooks are not in Git.
    env = build_environment({"HANDBOOK_TODAY": TODAY, "HANDBOOK_HISTORY": "off"})
    env.pop("SOURCE_DATE_EPOCH", None)
    if args.pages:
        print("pages/lang  wall s  cpu s  peak MiB  site      page     index nl  index en  hooks ratio  report s  check s")
    rows = []
    with tempfile.TemporaryDirectory(prefix="handbook-benchmark-") as scratch:
        for pages in args.pages:
            with_hooks = synthetic_handbook(Path(scratch) / f"with-{pages}", pages, hooks=True)
            without_hooks = synthetic_handbook(Path(scratch) / f"without-{pages}", pages, hooks=False)
            # Interleave the two variants so that machine noise hits both alike.
            measured = {"with": [], "without": []}
            for _ in range(args.runs):
                measured["with"].append(median_build(with_hooks, 1, env))
                measured["without"].append(median_build(without_hooks, 1, env))
            result = Measurement.median(measured["with"])
            ratio = statistics.median(w.cpu / wo.cpu for w, wo in zip(measured["with"], measured["without"]))
            site = with_hooks / "site"
            sizes = sorted(p.stat().st_size for p in site.rglob("index.html"))
            report, check = editor_tools(with_hooks, args.runs, env)
            row = (f"{pages:>10}  {result.wall:6.1f}  {result.cpu:5.1f}  {result.peak_rss_mib:8.0f}  {mb(folder_size(site)):>8}  "
                   f"{mb(sizes[len(sizes) // 2]):>7}  {mb((site / 'search/search_index.json').stat().st_size):>8}  "
                   f"{mb((site / 'en/search/search_index.json').stat().st_size):>8}  {ratio:11.3f}  {report:8.2f}  {check:7.2f}")
            print(row, flush=True)
            rows.append((pages, result.wall))
            shutil.rmtree(with_hooks)
            shutil.rmtree(without_hooks)
        if len(rows) > 1:
            (small, small_wall), (large, large_wall) = rows[0], rows[-1]
            print(f"\nwall time {large} vs {small} pages per language: {large_wall / small_wall:.1f} times "
                  f"(pages: {large / small:.0f} times); hooks ratio is CPU with / without the project's hooks")
        if args.tools_pages:
            project = synthetic_handbook(Path(scratch) / f"tools-{args.tools_pages}", args.tools_pages, hooks=True)
            report, check = editor_tools(project, args.runs, env)
            print(f"\neditor tools over {2 * args.tools_pages} pages ({args.tools_pages} per language), "
                  f"median wall seconds: report {report:.2f}, check {check:.2f}")
        if args.history_pages:
            history_benchmark(Path(scratch), args.history_pages, args.commits, args.runs, env)
        if args.pdf_pages:
            pdf_benchmark(Path(scratch), args.pdf_pages, args.runs, env)
        if args.preview_pages:
            preview_benchmark(Path(scratch), args.preview_pages, args.edits, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
