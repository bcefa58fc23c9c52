"""``python -m autograde bench``: how fast grading is, against running the notebook plainly.

In a throw-away copy of the course (its own SQLite gradebook), grade ``copies`` copies
of one hand-in (default: the reference solution) with 1 worker, then with 2 (or the
``workers`` given), through the whole pipeline (:func:`~autograde.pipeline.grade`:
collection, repair, nbgrader autograde and feedback, the gradebook, the reports);
and right after each, execute the notebook nbgrader executed (the autograded one,
hidden tests included, outputs cleared) with plain nbclient: the median of those
runs is that row's plain time. Printed per worker count: wall time, cluster start-up,
seconds per hand-in, ratio to the plain run, grading overhead, speed-up over one
worker, and for several workers the speed-up of as many plain runs at once (the most
the workers can gain on this notebook here: the kernels share the cores, their caches
and the memory). With ``repeat`` rounds, each round measures every worker count again, and a
last line per worker count gives the median of the rounds (a shared machine's speed
drifts by more than the overhead being measured).

The grading overhead of ``w`` workers is ``w * seconds per hand-in - plain``: what each
worker spends on a hand-in beyond executing it, the batch's one-off work (collecting the
hand-ins, a fresh worker's first hand-in, the report) shared among the copies. The
*steady* overhead leaves that out: it takes the seconds per hand-in from the moment each
worker has finished its first (:attr:`BenchRow.steady_per_hand_in`), what one more
student of a large class costs. The *CPU* overhead is the same comparison in CPU
seconds, one-off work included: every process of the grading run (this one, the
workers, the kernels, bubblewrap) after start-up, per hand-in, minus the plain run's
(this process and its kernel). CPU seconds are not steadier than wall seconds on a
shared virtual machine (its cores' speed drifts too), but they count the work of the
collecting process, which wall times hide when it runs beside a worker.

Last, :func:`parallel_ceiling` says how much faster this machine runs pure Python in
``w`` processes than in one: the most ``w`` grading workers could gain (a virtual
machine's cores often share a physical core).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import statistics
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence

import nbformat
import psutil

from .course import Course
from .demo import scratch_course
from .notebooks import reference_submission
from .pipeline import Progress, build, grade, grading_client
from .execute import execute_plainly

__all__ = ["BenchRow", "bench", "format_bench", "parallel_ceiling", "TreeCpu"]


@dataclass(frozen=True)
class BenchRow:
    """Grading ``copies`` hand-ins on ``workers`` workers."""

    workers: int
    copies: int
    wall: float  # seconds from starting the workers to the last grade recorded
    startup: float  # seconds to start the workers
    plain: float  # seconds to execute the notebook once with plain nbclient
    round: int = 1  # which round of a repeated benchmark
    cpu: float = 0.0  # CPU seconds of every process of the grading run, start-up excluded
    plain_cpu: float = 0.0  # CPU seconds of one plain run (this process and its kernel)
    arrivals: tuple[float, ...] = ()  # seconds from starting the workers to each grade recorded
    plain_at_once: float = 0.0  # seconds for ``workers`` plain runs at once (0: not measured)

    @property
    def per_hand_in(self) -> float:
        """Wall seconds per hand-in, start-up excluded."""
        return (self.wall - self.startup) / self.copies

    @property
    def ratio(self) -> float:
        """Seconds per hand-in over the plain run's seconds."""
        return self.per_hand_in / self.plain

    @property
    def overhead(self) -> float:
        """Seconds each worker spends per hand-in beyond executing it."""
        return self.per_hand_in * self.workers - self.plain

    @property
    def steady_per_hand_in(self) -> float:
        """Wall seconds per hand-in once each worker has finished its first: from the
        ``workers``-th grade recorded to the last, over the hand-ins in between. What one
        more hand-in of a large class costs, without the batch's one-off work (collecting,
        a fresh worker's first hand-in, the report). The all-in figure when there are no
        more hand-ins than workers."""
        times = sorted(self.arrivals)
        if len(times) <= self.workers:
            return self.per_hand_in
        return (times[-1] - times[self.workers - 1]) / (len(times) - self.workers)

    @property
    def steady_overhead(self) -> float:
        """:attr:`overhead` in the steady state (:attr:`steady_per_hand_in`)."""
        return self.steady_per_hand_in * self.workers - self.plain

    @property
    def plain_speed_up(self) -> float:
        """How many times one plain run's work ``workers`` plain runs at once did: the most
        ``workers`` grading workers can gain on this notebook on this machine (1.0 when
        not measured)."""
        return self.workers * self.plain / self.plain_at_once if self.plain_at_once else 1.0

    @property
    def cpu_per_hand_in(self) -> float:
        """CPU seconds of all the grading processes per hand-in."""
        return self.cpu / self.copies

    @property
    def cpu_overhead(self) -> float:
        """CPU seconds per hand-in beyond the plain run's."""
        return self.cpu_per_hand_in - self.plain_cpu


class TreeCpu:
    """CPU seconds (user and system) of this process and of every process under it, while
    the ``with`` block runs: :attr:`seconds` once it is left.

    A thread reads each process of the tree every ``interval`` seconds and keeps its last
    reading. The kernels a reaped process leaves in its parent's accounts would do for a
    plain kernel, but not for a sandboxed one: a process in bubblewrap's own PID
    namespace is never reaped into them (measured: 0.0 of 1.0 s). What a process does
    in its last ``interval`` before it ends is missed (a kernel's shutdown, a probe).
    """

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.seconds = 0.0
        self._last: dict[tuple[int, float], float] = {}
        self._start: dict[tuple[int, float], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="tree-cpu")

    def _read(self) -> dict[tuple[int, float], float]:
        root = psutil.Process()
        readings = {}
        for process in [root, *root.children(recursive=True)]:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    readings[(process.pid, process.create_time())] = times.user + times.system
            except psutil.Error:  # ended between the listing and the reading
                continue
        return readings

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self._last.update(self._read())

    def __enter__(self) -> "TreeCpu":
        self._start = self._read()
        self._last = dict(self._start)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._last.update(self._read())
        self.seconds = sum(self._last.values()) - sum(self._start.values())


def _cleared(notebook: Path) -> nbformat.NotebookNode:
    """``notebook`` with its code cells' outputs cleared, as a kernel would first see it."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


@contextlib.contextmanager
def _data_folder(files_from: Path) -> Iterator[str]:
    """A temporary folder holding the assignment's data files (its notebooks left out)."""
    with tempfile.TemporaryDirectory(prefix="autograde-plain-") as tmp:
        shutil.copytree(files_from, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.ipynb"))
        yield tmp


def _plain_times(notebook: Path, files_from: Path, runs: int, timeout: int) -> list[tuple[float, float]]:
    """(seconds, CPU seconds) of each of ``runs`` plain nbclient executions of ``notebook``
    (outputs cleared), in a folder holding the assignment's data files, one thread per kernel."""
    nb, times = _cleared(notebook), []
    with _data_folder(files_from) as folder:
        for _ in range(runs):
            start = time.perf_counter()
            with TreeCpu() as cpu:
                execute_plainly(nbformat.from_dict(nb), folder, timeout)
            times.append((time.perf_counter() - start, cpu.seconds))
    return times


def _run_plainly(text: str, files_from: str, timeout: int) -> None:
    """Execute the notebook ``text`` plainly in a data folder of its own (a pool's job)."""
    with _data_folder(Path(files_from)) as folder:
        execute_plainly(nbformat.reads(text, as_version=4), folder, timeout)


#: The notebook each process of :func:`_plain_at_once` runs first, untimed.
_WARM_UP = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]))


def _plain_runner(text: str, files_from: str, timeout: int, ready, go) -> None:
    """One process of :func:`_plain_at_once`: import nbclient and start a kernel once (a
    one-cell notebook, as the sequential runs' process had done), say so, wait for the
    go, then execute ``text``."""
    _run_plainly(_WARM_UP, files_from, timeout)
    ready.release()
    go.wait()
    _run_plainly(text, files_from, timeout)


def _plain_at_once(notebook: Path, files_from: Path, processes: int, timeout: int) -> float:
    """Seconds for ``processes`` plain executions of ``notebook`` started together, each
    from a process of its own: how much this machine gains on the notebook itself by
    running several (the kernels share the cores, their caches and the memory)."""
    context = multiprocessing.get_context("spawn")
    ready, go = context.Semaphore(0), context.Event()
    runners = [context.Process(target=_plain_runner, args=(nbformat.writes(_cleared(notebook)), str(files_from),
                                                          timeout, ready, go)) for _ in range(processes)]
    for runner in runners:
        runner.start()
    try:
        for _ in runners:
            if not ready.acquire(timeout=timeout + 120):
                raise RuntimeError("a process of the simultaneous plain runs did not start its kernel")
        start = time.perf_counter()
        go.set()
        for runner in runners:
            runner.join()
        return time.perf_counter() - start
    finally:
        for runner in runners:
            if runner.is_alive():
                runner.kill()


def _spin(steps: int) -> float:
    """Seconds for ``steps`` iterations of a pure-Python loop (no memory traffic to speak of)."""
    start = time.perf_counter()
    total = 0
    for i in range(steps):
        total += i * i
    return time.perf_counter() - start


def parallel_ceiling(processes: int, steps: int = 10_000_000, rounds: int = 5) -> float:
    """How many times the work of one process ``processes`` processes get done in the
    same time on this machine: in each of ``rounds`` rounds a CPU-bound loop runs alone,
    then in ``processes`` processes at once; the median of the rounds' ratios (a shared
    virtual machine's speed drifts from one second to the next). 2.0 on two free cores."""
    ratios = []
    with ProcessPoolExecutor(max_workers=processes) as pool:
        list(pool.map(_spin, [1000] * processes))  # start the processes before timing
        for _ in range(rounds):
            alone = pool.submit(_spin, steps).result()
            start = time.perf_counter()
            list(pool.map(_spin, [steps] * processes))
            ratios.append(processes * alone / (time.perf_counter() - start))
    return statistics.median(ratios)


class _GradingRun(NamedTuple):
    wall: float
    startup: float
    cpu: float
    arrivals: tuple[float, ...]


def _grade_copies(scratch: Course, assignment: str, nb: nbformat.NotebookNode, copies: int, workers: int,
                  folder: Path, progress: Progress) -> _GradingRun:
    """Grade ``copies`` copies of ``nb`` (written to the new ``folder``) on ``workers`` workers."""
    folder.mkdir()
    for i in range(copies):
        nbformat.write(nb, folder / f"w{workers}_copy{i + 1:03d}.ipynb")
    progress(f"grading {copies} copies on {workers} worker(s) ...")
    start, arrivals = time.perf_counter(), []

    def record(line: str) -> None:  # grade() prints "[i/n] student ..." as each grade is recorded
        if line.startswith("["):
            arrivals.append(time.perf_counter() - start)

    with grading_client(workers) as client:
        startup = time.perf_counter() - start
        with TreeCpu() as cpu:
            graded = grade(scratch, assignment, folder, out=folder.with_name(f"out-{folder.name}"),
                           progress=record, client=client, plot=False)
        wall = time.perf_counter() - start
    scores = sorted({row.score for row in graded}, key=lambda s: -1 if s is None else s)
    progress(f"  {wall:.1f} s, scores {', '.join('none' if s is None else f'{s:g}' for s in scores)}")
    return _GradingRun(wall, startup, cpu.seconds, tuple(arrivals))


def bench(course: Course, assignment: str, copies: int = 4, workers: Sequence[int] = (1, 2),
          hand_in: Path | None = None, plain_runs: int = 2, progress: Progress = print,
          repeat: int = 1) -> list[BenchRow]:
    """Measure grading ``copies`` copies of ``hand_in`` (default: the reference solution)
    on each worker count of ``workers``, ``repeat`` times; return one :class:`BenchRow`
    per count and round, in the order measured."""
    course.check_assignment(assignment)
    nb = (nbformat.read(hand_in, as_version=4) if hand_in
          else reference_submission(nbformat.read(course.source_notebook(assignment), as_version=4)))
    with tempfile.TemporaryDirectory(prefix="autograde-bench-") as tmp:
        scratch = scratch_course(Path(tmp), course.root)
        build(scratch, [assignment], progress=lambda line: None)
        rows = []
        for r, n in ((r, n) for r in range(1, repeat + 1) for n in workers):
            if repeat > 1 and n == workers[0]:
                progress(f"round {r} of {repeat}")
            run = _grade_copies(scratch, assignment, nb, copies, n, Path(tmp) / f"hand-ins-{r}-{n}",
                                          progress)
            # Each grading run's own plain runs, right after it: a shared machine's speed
            # drifts over minutes, and the ratio compares the two.
            autograded = scratch.root / "autograded" / f"w{n}_copy001" / assignment / f"{assignment}.ipynb"
            progress(f"executing the autograded notebook plainly with nbclient ({plain_runs} run(s)) ...")
            plain = _plain_times(autograded, scratch.source_notebook(assignment).parent, plain_runs,
                                 scratch.cell_timeout)
            at_once = 0.0
            if n > 1:
                progress(f"executing it plainly in {n} processes at once ...")
                at_once = _plain_at_once(autograded, scratch.source_notebook(assignment).parent, n,
                                         scratch.cell_timeout)
            rows.append(BenchRow(n, copies, run.wall, run.startup, statistics.median(t for t, _ in plain), r,
                                 run.cpu, statistics.median(c for _, c in plain), run.arrivals, at_once))
    return rows


def format_bench(rows: Sequence[BenchRow], title: str) -> str:
    """The benchmark table: a line per row, with its speed-up over its round's first
    worker count; with several rounds, then a line per worker count of the rounds' medians."""
    header = ("round", "workers", "hand-ins", "wall s", "start s", "s/hand-in", "plain s", "ratio", "overhead s",
              "steady overhead s", "CPU overhead s", "speed-up", "plain speed-up")
    digits = (1, 1, 2, 2, 2, 2, 2, 2, 2, 2)
    first: dict[int, BenchRow] = {}
    for r in rows:
        first.setdefault(r.round, r)
    figures = [(r.wall, r.startup, r.per_hand_in, r.plain, r.ratio, r.overhead, r.steady_overhead, r.cpu_overhead,
                first[r.round].per_hand_in / r.per_hand_in, r.plain_speed_up) for r in rows]

    def line(label: str, r: BenchRow, values: Sequence[float]) -> tuple[str, ...]:
        return (label, str(r.workers), str(r.copies), *(f"{v:.{d}f}" for v, d in zip(values, digits)))

    lines = [header] + [line(str(r.round), r, values) for r, values in zip(rows, figures)]
    if len(first) > 1:
        for n in dict.fromkeys(r.workers for r in rows):
            mine = [values for r, values in zip(rows, figures) if r.workers == n]
            example = next(r for r in rows if r.workers == n)
            lines.append(line("median", example, [statistics.median(column) for column in zip(*mine)]))
    widths = [max(len(cells[i]) for cells in lines) for i in range(len(header))]
    body = ["  ".join(cell.rjust(w) for cell, w in zip(cells, widths)) for cells in lines]
    return f"{title}\n" + "\n".join(body)
