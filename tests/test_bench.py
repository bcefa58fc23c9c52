"""``python -m autograde bench`` and the progress bar, on the toy course (seconds, not minutes)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from autograde.bench import BenchRow, format_bench
from autograde.cli import main
from autograde.course import load_course
from autograde.notebooks import reference_submission
from autograde.pipeline import build, grade
from tests.conftest import missing_tool
from tests.test_autograde import TOY, make_toy_course, toy_notebook, write_nb


def test_bench_row_arithmetic():
    """Are seconds per hand-in, ratio, overhead and speed-up what their definitions say?"""
    one = BenchRow(workers=1, copies=4, wall=42.0, startup=2.0, plain=8.0, cpu=36.0, plain_cpu=7.5)
    two = BenchRow(workers=2, copies=4, wall=24.0, startup=2.0, plain=8.0, cpu=40.0, plain_cpu=7.5)
    assert (one.per_hand_in, one.ratio, one.overhead) == (10.0, 1.25, 2.0)
    assert (two.per_hand_in, two.overhead) == (5.5, 3.0)
    assert (one.cpu_per_hand_in, one.cpu_overhead, two.cpu_overhead) == (9.0, 1.5, 2.5)
    assert one.steady_per_hand_in == one.per_hand_in  # no arrival times: the all-in figure
    # One worker: first grade at 14 s (a cold worker), then one every 9 s; two workers: their
    # first two at 12 and 13 s, then 2 more in the next 9 s.
    one = BenchRow(workers=1, copies=4, wall=42.0, startup=2.0, plain=8.0, arrivals=(14.0, 23.0, 32.0, 41.0))
    two = BenchRow(workers=2, copies=4, wall=24.0, startup=2.0, plain=8.0, arrivals=(12.0, 13.0, 17.5, 22.0))
    assert (one.steady_per_hand_in, one.steady_overhead) == (9.0, 1.0)
    assert (two.steady_per_hand_in, two.steady_overhead) == (4.5, 1.0)
    table = format_bench([one, two], "t")
    assert table.splitlines()[-1].split()[-2:] == [f"{10.0 / 5.5:.2f}", "1.00"]  # plain speed-up: not measured
    assert BenchRow(workers=2, copies=4, wall=24.0, startup=2.0, plain=8.0, plain_at_once=10.0).plain_speed_up == 1.6


def test_repeated_bench_reports_the_median_of_its_rounds():
    """With three rounds, is each worker count's last line the median of its rounds (its
    speed-up the median of the rounds' own speed-ups, each over its round's 1 worker)?"""
    rounds = [(42.0, 24.0), (50.0, 30.0), (44.0, 22.0)]  # wall seconds of 1 and 2 workers
    rows = [BenchRow(workers=n, copies=4, wall=wall, startup=2.0, plain=8.0, round=r)
            for r, walls in enumerate(rounds, 1) for n, wall in zip((1, 2), walls)]
    lines = format_bench(rows, "t").splitlines()
    assert [line.split()[:2] for line in lines[2:]] == [["1", "1"], ["1", "2"], ["2", "1"], ["2", "2"],
                                                       ["3", "1"], ["3", "2"], ["median", "1"], ["median", "2"]]
    one, two = lines[-2].split(), lines[-1].split()
    assert float(one[5]) == 10.5  # median of 10, 12, 10.5 s per hand-in
    assert float(two[8]) == 3.0  # overheads 3, 6, 2: the median, not the overhead of the medians
    assert float(two[9]) == float(two[8])  # no arrival times: the steady overhead is the all-in one
    assert float(two[-2]) == pytest.approx(statistics.median([10 / 5.5, 12 / 7, 10.5 / 5]), abs=0.005)


BURN = "import time\nend = time.process_time() + 1\nwhile time.process_time() < end: pass\n"


def test_tree_cpu_counts_children_grandchildren_and_sandboxed_kernels():
    """Does the CPU meter count a child that ended, a grandchild that came and went under a
    child still running, and a process in bubblewrap's own PID namespace (which the
    parent's accounts of its reaped children never see), each burning 1 s (less, at
    most, what it did after the meter's last reading of it)?"""
    from autograde.bench import TreeCpu

    with TreeCpu() as reaped:
        subprocess.run([sys.executable, "-c", BURN], check=True)
    with TreeCpu() as living:
        child = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys, time\n"
                                  f"subprocess.run([sys.executable, '-c', {BURN!r}])\nprint(flush=True)\n"
                                  "time.sleep(30)"], stdout=subprocess.PIPE, text=True)
        try:
            child.stdout.readline()  # the grandchild has burnt its second and ended
        finally:
            child.kill()
            child.wait()
    assert reaped.seconds >= 0.7 and living.seconds >= 0.7, (reaped.seconds, living.seconds)
    if not shutil.which("bwrap"):
        missing_tool("bubblewrap is not installed (apt-get install bubblewrap)")
    with TreeCpu() as sandboxed:
        subprocess.run(["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-pid", "--",
                        sys.executable, "-c", BURN], check=True)
    assert sandboxed.seconds >= 0.7, sandboxed.seconds


@pytest.mark.slow
def test_bench_command(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Does `bench --repeat 2` grade the copies on 1 and 2 workers in each round, all at the
    reference's score, and print a row per round and worker count with a plain nbclient
    time (and, for 2 workers, what 2 plain runs at once gain), a median row per worker
    count, then the machine's own ceiling for 2 processes?"""
    root = make_toy_course(tmp_path / "course")
    assert main(["--course", str(root), "bench", TOY, "--copies", "2", "--workers", "1,2", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("scores 2\n") == 4, out  # the toy reference: 2 autograded points
    rows = [line.split() for line in out.splitlines() if re.match(r"\s*(1|2|median)\s+[12]\s+2\s", line)]
    assert [row[:2] for row in rows] == [["1", "1"], ["1", "2"], ["2", "1"], ["2", "2"], ["median", "1"],
                                         ["median", "2"]], out
    for row in rows:
        wall, startup, per, plain = map(float, row[3:7])
        overhead, steady, cpu_overhead = map(float, row[8:11])
        assert 0 < startup < wall and per > 0 and plain > 0
        assert cpu_overhead > 0  # grading does what the plain run does, and nbgrader's work besides
        plain_speed_up = float(row[12])
        assert plain_speed_up == 1.0 if row[1] == "1" else 0.5 < plain_speed_up < 2.5, out  # 2 plain runs at once
        if row[1] == "1":  # 2 copies on 1 worker: the second's time alone
            assert steady < overhead  # the batch's one-off work and a fresh worker's first hand-in
    ceiling = re.search(r"this machine: 2 processes of pure Python do (\d+\.\d\d) times the work of one", out)
    assert ceiling and 0.5 < float(ceiling.group(1)) < 2.5, out
    assert not (root / "gradebook.db").exists(), "bench wrote into the course's own gradebook"


@pytest.mark.slow
def test_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture):
    """Is a progress bar drawn on stderr when asked for, ending at n/n hand-ins?"""
    course = load_course(make_toy_course(tmp_path / "course"))
    build(course, progress=lambda line: None)
    for student in ("bar_a", "bar_b"):
        write_nb(tmp_path / "hand-ins" / f"{student}.ipynb", reference_submission(toy_notebook()))
    grade(course, TOY, tmp_path / "hand-ins", workers=1, progress_bar=True, plot=False)
    err = capsys.readouterr().err
    assert "2/2" in err and "hand-in" in err, err
