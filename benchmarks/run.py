"""Benchmarks: trustcrises against the libraries it is built on, as ratios.

    python benchmarks/run.py                      # the full run (about five minutes on 2 cores)
    python benchmarks/run.py --quick              # smaller sizes, fewer repeats (about a minute)
    python benchmarks/run.py --output benchmarks/latest.md

Every row is a ratio against a baseline measured in the same run, so the machine cancels out:

- start-up rows time whole processes (``subprocess``), the candidates and baselines run
  round-robin in a shuffled order each round, after one warm-up run each; the median of the
  repeats is reported;
- ``compare`` is timed in one process, after a warm-up call, alternating with its baseline;
- validation runs in a fresh process per size: the frame is generated (from the real cases, see
  ``generate.py``), then ``tc.validate`` is timed, and its peak memory taken from the kernel's
  high-water mark of the process's resident memory (see ``_peak_note``);
- the build runs ``trustcrises build`` as a whole process on generated collections.

Not a test: timings depend on the machine and its load. Nothing here is run by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable


@dataclass
class Row:
    what: str
    baseline: str
    goal: float
    candidate_s: float | None = None
    baseline_s: float | None = None
    unit: str = "s"
    note: str = ""
    error: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.candidate_s is None or not self.baseline_s:
            return None
        return self.candidate_s / self.baseline_s

    def cells(self) -> list[str]:
        ratio = self.ratio
        if self.error is not None:
            values, shown, met = (self.error, "–"), "–", "not measured"
        else:
            values = (_fmt(self.candidate_s, self.unit), _fmt(self.baseline_s, self.unit))
            shown = f"{ratio:.2f}×"
            met = "yes" if ratio <= self.goal else "**no**"
        return [self.what, self.baseline, *values, shown, f"≤ {self.goal:g}×", met]


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "GB":
        return f"{value:.2f} GB"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


# ---------------------------------------------------------------------------------------------
# Whole processes


def _cli() -> list[str]:
    script = Path(PYTHON).parent / "trustcrises"
    return [str(script)] if script.exists() else [PYTHON, "-m", "trustcrises"]


class AbortedAtExit(RuntimeError):
    """A process that did its work, then aborted while shutting down Arrow's threads."""


ABORTS: dict[str, int] = {}  # command -> runs that aborted at exit (and were run again)


def _run(argv: list[str], cwd: Path) -> float:
    """Seconds the process took; a run that aborts at exit is counted and run again."""
    for _ in range(3):
        start = time.perf_counter()
        result = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode == 0:
            return elapsed
        if result.returncode in (-6, 134) and "terminate called without an active " \
                "exception" in result.stderr:  # apache/arrow#34314
            name = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(argv))[:60]
            ABORTS[name] = ABORTS.get(name, 0) + 1
            continue
        break
    raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: "
                       f"{result.stderr.strip()[-300:]}")


def startup_rows(repeats: int, cwd: Path) -> list[Row]:
    """Import, load, --help and list, round-robin with their baselines."""
    cases = subprocess.run([PYTHON, "-c", "import trustcrises as tc; print(tc.path('cases'))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    commands = {
        "import pandas": [PYTHON, "-c", "import pandas"],
        "import trustcrises": [PYTHON, "-c", "import trustcrises"],
        "load cases": [PYTHON, "-c", "import trustcrises as tc; tc.load_cases()"],
        "read_parquet": [PYTHON, "-c", f"import pandas as pd; pd.read_parquet({cases!r})"],
        "help": [*_cli(), "--help"],
        "list": [*_cli(), "list"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    rng = random.Random(6)
    errors: dict[str, str] = {}
    for name, argv in commands.items():  # warm-up: page cache, bytecode
        try:
            _run(argv, cwd)
        except RuntimeError as exc:
            errors[name] = str(exc)
    for _ in range(repeats):
        order = [n for n in commands if n not in errors]
        rng.shuffle(order)
        for name in order:
            times[name].append(_run(commands[name], cwd))
    median = {n: statistics.median(t) if t else None for n, t in times.items()}

    def row(what: str, baseline: str, goal: float, cand: str, base: str) -> Row:
        r = Row(what, baseline, goal, median[cand], median[base],
                note=f"median of {repeats} runs")
        if cand in errors or base in errors:
            r.error = (errors.get(cand) or errors.get(base))[:80]
        return r

    return [
        row('`python -c "import trustcrises"`', '`python -c "import pandas"`', 1.05,
            "import trustcrises", "import pandas"),
        row("a process that loads `cases`", "one that does `pandas.read_parquet` on the same "
            "file", 1.15, "load cases", "read_parquet"),
        row("`trustcrises --help` end to end", '`python -c "import pandas"`', 0.5, "help",
            "import pandas"),
        row("`trustcrises list` end to end", '`python -c "import pandas"`', 1.3, "list",
            "import pandas"),
    ]


# ---------------------------------------------------------------------------------------------
# compare(), in one process

_COMPARE = r"""
import json, statistics, sys, time
repeats = int(sys.argv[1])
try:
    import trustcrises as tc
    compare = tc.compare
    import great_tables as gt
except Exception as exc:  # the comparison tables may not exist yet
    print(json.dumps({"error": f"tc.compare not available ({type(exc).__name__}: {exc})"}))
    sys.exit(0)
cases = tc.load_cases()
rows = len(cases)
def candidate():
    return tc.compare().as_raw_html()
def baseline():
    return gt.GT(cases).as_raw_html()
candidate(); baseline()  # warm-up: imports, caches
a, b = [], []
for i in range(repeats):
    pairs = ((candidate, a), (baseline, b))
    for fn, out in pairs if i % 2 == 0 else pairs[::-1]:
        start = time.perf_counter(); fn(); out.append(time.perf_counter() - start)
print(json.dumps({"candidate": statistics.median(a), "baseline": statistics.median(b),
                  "rows": rows}))
"""


def _measure(script: str, *args: object, row: Row, failed: str = "not available") -> dict | None:
    """Run ``script`` in a fresh interpreter with ``args`` and read the JSON object on its last
    line. On failure, or when the script reports ``{"error": ...}``, the row records why and
    ``None`` comes back."""
    result = subprocess.run([PYTHON, "-c", script, *map(str, args)], capture_output=True,
                            text=True, check=False)
    try:
        data = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        row.error = f"{failed} (exit {result.returncode}: {result.stderr.strip()[-200:]})"
        return None
    if "error" in data:
        row.error = "not available"
        row.note = data["error"]
        return None
    return data


def compare_row(repeats: int) -> Row:
    row = Row("`tc.compare()` of all cases to HTML, in-process",
              "`great_tables.GT(df).as_raw_html()` on the same rows", 2.0)
    data = _measure(_COMPARE, repeats, row=row)
    if data is None:
        return row
    row.candidate_s, row.baseline_s = data["candidate"], data["baseline"]
    row.note = (f"median of {repeats} calls each; `df` is `tc.load_cases()` ({data['rows']} "
                "rows, every column); `compare` includes reading its three tables")
    return row


_COMPARE_SCALING = r"""
import json, statistics, sys, time
import trustcrises as tc
small, large, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
def run(folder):
    return tc.compare(data_dir=folder).as_raw_html()
run(small)  # warm-up: imports, caches
times = {small: [], large: []}
for i in range(repeats):
    for folder in (small, large) if i % 2 == 0 else (large, small):
        start = time.perf_counter(); run(folder); times[folder].append(time.perf_counter() - start)
print(json.dumps({"small": statistics.median(times[small]),
                  "large": statistics.median(times[large])}))
"""


def compare_scaling_row(small: int, large: int, repeats: int, work: Path) -> Row:
    """``compare`` of every case at two sizes: linear means ten times the cases, ten times the
    time (each case's events are grouped once, not searched for per case)."""
    import generate

    row = Row(f"`tc.compare()` of {large:,} cases to HTML", f"the same of {small:,} cases", 11.0)
    built = {}
    for n in (small, large):
        source, out = work / f"compare-source-{n}", work / f"compare-build-{n}"
        if not out.exists():
            shutil.rmtree(source, ignore_errors=True)
            generate.write_collection(source, n)
            _run([*_cli(), "build", "--source", str(source), "--out", str(out)], work)
        built[n] = out
    data = _measure(_COMPARE_SCALING, built[small], built[large], repeats, row=row,
                    failed="failed")
    if data is None:
        return row
    row.candidate_s, row.baseline_s = data["large"], data["small"]
    row.note = (f"median of {repeats} calls each, in one process, on synthetic collections "
                "built from the real cases")
    return row


# ---------------------------------------------------------------------------------------------
# The findings report, against drawing its tables and figures one by one

_REPORT = r"""
import io, json, statistics, sys, time
import great_tables as gt
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import trustcrises as tc
repeats = int(sys.argv[1])
cases, events, book = tc.load_cases(), tc.load_events(), tc.load_codebook()

def svg(figure):
    out = io.StringIO(); figure.savefig(out, format="svg"); plt.close(figure)
    return out.getvalue()

def baseline():
    # the report's tables as plain great-tables, and its two figures in plain matplotlib
    strategies = book[book["field"] == "strategy"][["code", "posture"]]
    responses = events[events["event_type"] == "response"].merge(
        cases[["case_id", "scct_cluster", "region", "start_date"]], on="case_id").merge(
        strategies, left_on="strategy", right_on="code", how="left")
    decade = cases["start_date"].map(lambda d: d.year // 10 * 10)
    frames = [pd.crosstab(decade, cases["scct_cluster"], margins=True),
              pd.crosstab(cases["region"], cases["selection"], margins=True),
              pd.crosstab(responses["scct_cluster"], responses["posture"], margins=True)]
    for by in ("scct_cluster", "region"):
        frames.append(cases.groupby(by)["days_to_first_response"].describe())
    frames.append(cases.assign(decade=decade).groupby("decade")[
        "days_to_first_response"].describe())
    frames.append(cases[cases["decision_outcome"].isin(["reversed", "partially_reversed",
                                                        "upheld"])])
    html = [gt.GT(f.reset_index()).as_raw_html() for f in frames]
    heat = pd.crosstab(responses["scct_cluster"], responses["strategy"])
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    axes.imshow(heat.to_numpy(), cmap="Blues", aspect="auto")
    for (i, j), n in pd.DataFrame(heat.to_numpy()).stack().items():
        axes.text(j, i, str(n), ha="center", va="center")
    html.append(svg(figure))
    figure, axes = plt.subplots(figsize=(7.5, 3.2))
    for y, (_, group) in enumerate(cases.groupby("scct_cluster")):
        axes.scatter(group["days_to_first_response"], [y] * len(group))
    axes.set_xscale("symlog", linthresh=1 / 24)
    html.append(svg(figure))
    return "".join(html)

def candidate():
    return tc.report()

candidate(); baseline()  # warm-up: imports, caches
a, b = [], []
for i in range(repeats):
    pairs = ((candidate, a), (baseline, b))
    for fn, out in pairs if i % 2 == 0 else pairs[::-1]:
        start = time.perf_counter(); fn(); out.append(time.perf_counter() - start)
print(json.dumps({"candidate": statistics.median(a), "baseline": statistics.median(b),
                  "cases": len(cases)}))
"""


def report_row(repeats: int) -> Row:
    """The findings report for all cases, against its tables and figures drawn one by one."""
    row = Row("`tc.report()` of all cases (tables and two figures, as HTML)",
              "the same tables with `great_tables` and the same figures with matplotlib, one "
              "by one", 1.3)
    data = _measure(_REPORT, repeats, row=row)
    if data is None:
        return row
    row.candidate_s, row.baseline_s = data["candidate"], data["baseline"]
    row.note = (f"median of {repeats} calls each, in one process, {data['cases']} cases; the "
                "report also computes its numbers and the SCCT fit, and validates nothing "
                "twice")
    return row


# ---------------------------------------------------------------------------------------------
# The website, in one process

_SITE = r"""
import json, shutil, statistics, sys, tempfile, time
from pathlib import Path
repeats = int(sys.argv[1])
try:
    import trustcrises as tc
    from trustcrises.site._build import build_site
except Exception as exc:  # the site may not exist in this checkout
    print(json.dumps({"error": f"the site is not available ({type(exc).__name__}: {exc})"}))
    sys.exit(0)
case_ids = list(tc.load_cases()["case_id"])
work = Path(tempfile.mkdtemp(prefix="tc-bench-site-"))
pages = []
def candidate():
    pages.append(build_site(work / "site", force=True).pages)
def baseline():
    for case_id in case_ids:
        for lang in ("en", "zh"):
            tc.timeline(case_id, lang=lang).as_raw_html()
candidate(); baseline()  # warm-up: imports, caches
a, b = [], []
for i in range(repeats):
    pairs = ((candidate, a), (baseline, b))
    for fn, out in pairs if i % 2 == 0 else pairs[::-1]:
        start = time.perf_counter(); fn(); out.append(time.perf_counter() - start)
shutil.rmtree(work, ignore_errors=True)
print(json.dumps({"candidate": statistics.median(a), "baseline": statistics.median(b),
                  "cases": len(case_ids), "pages": pages[-1]}))
"""


def site_row(repeats: int) -> Row:
    """The whole website against great-tables drawing every case's timeline: the site shows
    each case's timeline in both languages, and much more, so it should cost no more than
    the timelines alone."""
    row = Row("`trustcrises site` of all cases (both languages), in-process",
              "`tc.timeline(case).as_raw_html()` for every case, in both languages", 2.0)
    data = _measure(_SITE, repeats, row=row)
    if data is None:
        return row
    row.candidate_s, row.baseline_s = data["candidate"], data["baseline"]
    row.note = (f"median of {repeats} runs each, alternating; the site ({data['pages']} pages "
                f"for {data['cases']} cases) includes reading the six tables and writing "
                "every file into a folder; each `tc.timeline` call reads its own tables, as a "
                "user's call does")
    return row


# ---------------------------------------------------------------------------------------------
# Validation, one fresh process per size

_VALIDATE = r"""
import gc, json, resource, sys, time
sys.path.insert(0, sys.argv[3])
import generate
import pyarrow as pa
import trustcrises as tc

def status(key):
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None

rows, repeats = int(sys.argv[1]), int(sys.argv[2])
tc.validate(tc.load_cases(), table="cases")  # imports pandera and builds the schema once
frame = generate.case_frame(rows)
size = int(frame.memory_usage(deep=True).sum())
gc.collect()
pa.default_memory_pool().release_unused()
try:
    import ctypes
    ctypes.CDLL("libc.so.6").malloc_trim(0)
except OSError:
    pass
before = status("VmRSS:")
method = "hwm"
try:
    with open("/proc/self/clear_refs", "w") as fh:  # reset the high-water mark to now
        fh.write("5")
except OSError:
    method = "maxrss"
times = []
for _ in range(repeats):
    start = time.perf_counter()
    tc.validate(frame, table="cases")
    times.append(time.perf_counter() - start)
if method == "hwm":
    peak = status("VmHWM:")
else:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"times": times, "size": size, "before": before, "peak": peak,
                  "method": method}))
"""


def _validate(rows: int, repeats: int) -> dict:
    result = subprocess.run([PYTHON, "-c", _VALIDATE, str(rows), str(repeats), str(HERE)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip()[-300:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _peak_note(method: str) -> str:
    if method == "hwm":
        return ("peak memory: the validating process's peak resident set size (`VmHWM`, reset "
                "through `/proc/self/clear_refs` just before validating, so it covers "
                "`tc.validate` alone but counts the frame itself and the interpreter too), "
                "divided by the frame's `memory_usage(deep=True)`")
    return ("peak memory: `ru_maxrss` of the validating process (an upper bound: it also "
            "counts generating the frame), divided by the frame's `memory_usage(deep=True)`")


def validate_rows(small: int, large: int, repeats: tuple[int, int]) -> list[Row]:
    time_row = Row(f"validating {large:,} case rows", f"validating {small:,}", 11.0)
    memory_row = Row(f"peak memory validating {large:,} case rows",
                     "the frame's size (`memory_usage(deep=True)`)", 3.0, unit="GB")
    try:
        a = _validate(small, repeats[0])
        b = _validate(large, repeats[1])
    except RuntimeError as exc:
        time_row.error = memory_row.error = f"failed: {str(exc)[-80:]}"
        return [time_row, memory_row]
    time_row.candidate_s = statistics.median(b["times"])
    time_row.baseline_s = statistics.median(a["times"])
    time_row.note = (f"in-process, median of {repeats[1]} and {repeats[0]} calls; frames of "
                     f"{b['size'] / 1e9:.2f} GB and {a['size'] / 1e9:.2f} GB")
    memory_row.candidate_s = b["peak"] / 1e9
    memory_row.baseline_s = b["size"] / 1e9
    extra = (b["peak"] - b["before"]) / b["size"] if b.get("before") else None
    memory_row.note = _peak_note(b["method"]) + (
        f"; validation's own addition was {(b['peak'] - b['before']) / 1e9:.2f} GB "
        f"({extra:.2f}× the frame)" if extra is not None else "")
    return [time_row, memory_row]


# ---------------------------------------------------------------------------------------------
# Build


def build_row(small: int, large: int, repeats: tuple[int, int], work: Path) -> Row:
    import generate

    row = Row(f"building {large:,} case files", f"building {small:,}", 11.0)
    sources = {}
    for n in (small, large):
        folder = work / f"collection-{n}"
        if len(list((folder / "cases").glob("*.yaml"))) != n:
            shutil.rmtree(folder, ignore_errors=True)
            generate.write_collection(folder, n)
        sources[n] = folder
    times: dict[int, list[float]] = {small: [], large: []}
    try:
        for n, count in ((small, repeats[0]), (large, repeats[1])):
            for i in range(count):
                out = work / f"out-{n}-{i}"
                shutil.rmtree(out, ignore_errors=True)
                times[n].append(_run([*_cli(), "build", "--source", str(sources[n]),
                                      "--out", str(out)], work))
                shutil.rmtree(out, ignore_errors=True)
    except RuntimeError as exc:
        row.error = f"failed: {str(exc)[-80:]}"
        return row
    row.candidate_s = statistics.median(times[large])
    row.baseline_s = statistics.median(times[small])
    row.note = (f"`trustcrises build` as a whole process into an empty folder, median of "
                f"{repeats[1]} and {repeats[0]} runs")
    return row


# ---------------------------------------------------------------------------------------------
# Report


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB"
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    versions = []
    for name in ("trustcrises", "pandas", "pyarrow", "pandera", "great-tables", "polars",
                 "duckdb", "numpy", "PyYAML"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return [f"- CPU: {cpu}, {usable} cores usable ({os.cpu_count()} online)",
            f"- RAM: {ram}",
            f"- OS: {platform.platform()}",
            f"- Python {platform.python_version()} ({platform.python_implementation()})",
            f"- {', '.join(versions)}"]


def report(rows: list[Row], seconds: float, quick: bool) -> str:
    head = ["what", "baseline", "median", "baseline median", "ratio", "goal", "met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    notes = [f"- {row.what}: {row.note}" for row in rows if row.note]
    notes += [f"- `{name}` aborted at exit {count} time(s) after finishing its work (SIGABRT, "
              "`terminate called without an active exception`: Arrow's thread pool torn down "
              "at interpreter exit, apache/arrow#34314) and was run again"
              for name, count in ABORTS.items()]
    stamp = time.strftime("%Y-%m-%d")
    title = (f"Benchmark of {stamp}{' (--quick)' if quick else ''}, `python benchmarks/run.py`, "
             f"{seconds / 60:.1f} minutes:")
    return "\n".join([title, "", *lines, "", "Notes:", *notes, "", "Machine:", *machine(), ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of trustcrises against its "
                                     "baselines.")
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes and fewer repeats (about a minute)")
    parser.add_argument("--output", metavar="FILE", help="also write the Markdown report here")
    parser.add_argument("--repeats", type=int, help="whole-process repeats (default 15, "
                        "quick 5)")
    parser.add_argument("--work", metavar="DIR", help="keep generated collections here and "
                        "reuse them (default: a temporary folder)")
    parser.add_argument("--only", nargs="+", choices=("startup", "compare", "site",
                                                      "report", "validate", "build"),
                        help="run only these groups of rows")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    repeats = args.repeats or (5 if args.quick else 15)
    validate_sizes = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    build_sizes = (100, 1_000) if args.quick else (1_000, 10_000)
    groups = set(args.only or ("startup", "compare", "site", "report", "validate", "build"))
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="tc-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows: list[Row] = []
    try:
        if "startup" in groups:
            print(f"start-up rows: {repeats} rounds ...", file=sys.stderr, flush=True)
            startup = startup_rows(repeats, work)
            rows += startup[:2]
        if "validate" in groups:
            print(f"validation: {validate_sizes[0]:,} and {validate_sizes[1]:,} rows ...",
                  file=sys.stderr, flush=True)
            valid = validate_rows(*validate_sizes, repeats=(5, 3) if not args.quick
                                  else (3, 3))
        if "build" in groups:
            print(f"build: {build_sizes[0]:,} and {build_sizes[1]:,} case files ...",
                  file=sys.stderr, flush=True)
            built = build_row(*build_sizes, repeats=(3, 1), work=work)
        if "compare" in groups:  # last: the comparison tables are the newest code
            print("compare ...", file=sys.stderr, flush=True)
            rows.append(compare_row(max(5, repeats // 2)))
            rows.append(compare_scaling_row(100, 1_000, 3, work))
        if "site" in groups:
            print("site ...", file=sys.stderr, flush=True)
            rows.append(site_row(3 if args.quick else 5))
        if "report" in groups:
            print("report ...", file=sys.stderr, flush=True)
            rows.append(report_row(3 if args.quick else 5))
        if "startup" in groups:
            rows += startup[2:]
        if "validate" in groups:
            rows += valid
        if "build" in groups:
            rows.append(built)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    text = report(rows, time.perf_counter() - started, args.quick)
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
