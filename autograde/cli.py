"""``python -m autograde``: build releases, grade submissions, run the demo.

Each subcommand is a small function over :mod:`autograde.pipeline` and
:mod:`autograde.demo`. Exit status: 0 success, 1 when a student could not be graded
(or a build or demo check failed), 2 for a usage error. Errors say what to do next.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from .course import Course, CourseError, load_course, nbgrader_logger
from .demo import check_demo, run_demo
from .pipeline import BuildError, build, grade
from .sandbox import DEFAULT_CPU_S, DEFAULT_MEMORY_MB

__all__ = ["main", "make_parser"]

DESCRIPTION = """\
Grade the course's nbgrader assignments from the command line: generate the
student notebooks, autograde hand-ins with hidden tests, write feedback and a
grade table. A thin layer over nbgrader's Python API (NbGraderAPI, Gradebook).
"""

EPILOG = """\
The course folder is the one holding nbgrader_config.py: the current folder if it
has one, else this repository (or --course DIR). Relative to it:

    build  reads   source/{assignment}/{assignment}.ipynb
           writes  release/{assignment}/ and the gradebook
                   (gradebook.db, or the database named by $COURSE_DB_URL)
    grade  reads   SUBMISSIONS/{student}/{assignment}/*.ipynb
                   or SUBMISSIONS/{student}.ipynb (SUBMISSIONS is only read)
                   or an LMS archive (.zip, .tar.gz)
           writes  submitted/{student}/{assignment}/, autograded/{student}/{assignment}/,
                   feedback/{student}/{assignment}/{assignment}.html, the gradebook,
                   grades.csv, questions.csv, grades.png
                   (the CSVs, the plot and a copy of the feedback go to --out DIR if given)
    bench  writes  only a temporary folder
    demo   reads   source/ and the examples bundled in autograde/examples/
           writes  only a temporary folder (or --keep DIR)
    check  reads   NOTEBOOK (any path; needs no instructor file), writes nothing
    make-puzzle    writes ps06's puzzle files into --out DIR (instructor only)

Examples:

    python -m autograde build                                # every assignment
    python -m autograde build ps01_convolution               # one assignment
    python -m autograde grade ps01_convolution ~/hand-ins    # grade a folder of hand-ins
    python -m autograde grade ps01_convolution ~/hand-ins --out ~/ps01-grades
    python -m autograde grade ps01_convolution ~/hand-ins --manual-grades written.csv
    python -m autograde grade ps01_convolution lms-download.zip --workers 2
    python -m autograde --db postgresql://grader@dbhost/cnn grade ps01_convolution ~/hand-ins
    python -m autograde bench ps01_convolution --copies 4     # grading speed
    python -m autograde demo                                 # the whole pipeline, offline
    python -m autograde check release/ps02_stride_padding/ps02_stride_padding.ipynb  # a student's self-check
    python -m autograde demo --assignment ps01_convolution --keep /tmp/ps01-demo
    python -m autograde -v grade ps01_convolution ~/hand-ins # show nbgrader's log

Exit status: 0 success, 1 a student could not be graded (or build/demo failed),
2 usage error.
"""

GRADE_EPILOG = """\
SUBMISSIONS is a folder of {student}/{assignment}/*.ipynb (an optional
timestamp.txt beside each: the hand-in time, for late submissions) or of
{student}.ipynb, or an archive (.zip, .tar.gz) downloaded from an LMS: one of those
layouts zipped, or any file names that --pattern reads, as nbgrader's zip_collect
does, e.g. for Blackboard's 'ps01_jdoe_attempt_2026-11-30-23-59-00_ps01.ipynb':

    --pattern '.*_(?P<student_id>[a-z0-9]+)_attempt_(?P<timestamp>[0-9-]+)_(?P<file_id>.+)'

Each hand-in is copied to submitted/{student}/{assignment}/{assignment}.ipynb,
repaired (nbgrader metadata and deleted test cells put back from the release),
autograded by nbgrader with the hidden tests restored from the gradebook on
--workers processes (or a Dask cluster, --scheduler), recorded in the gradebook
and given feedback HTML. A line per student is printed as it finishes, then a table.

Each kernel runs in bubblewrap where it can (--sandbox requires it, --no-sandbox turns
it off): it sees only its own copy of the hand-in, no network, the rest read-only,
with --memory MiB of address space and --cpu-time seconds of CPU. In every kernel a
guard puts NumPy, torch, course_utils and IPython back as they were before each test
cell; a test during which the hand-in's code changed them scores 0.

Outputs (in the course folder, or --out DIR):
  grades.csv     student_id, score, max_score, one column per graded cell (grade_id,
                 in notebook order; empty while a written answer is ungraded),
                 needs_manual_grading, status
  questions.csv  per graded cell: max_points, scored, mean_points, full_marks,
                 zero_points, pass_rate
  grades.png     the score histogram and the pass rate of every question
  feedback/{student}/{assignment}/{assignment}.html

status is 'ok' or the flags of what happened (comma-separated): repaired, renamed,
late, kernel_died (the kernel died in a cell: that cell scores 0, the cells after it
run in a fresh kernel), timeout, memory_error, output_truncated, stderr (a test cell
that wrote to stderr scores 0; Python warnings are dropped first), tampering (code
that could change a test's verdict, such as patching numpy or hooking IPython; the
notes say where: review it by hand). A student with no score has missing, invalid
(not a notebook), bad_id or error.

--manual-grades CSV columns: student_id,grade_id,points, e.g.

    student_id,grade_id,points
    alice,explain_padding,2
"""


def _common_options(default: object = argparse.SUPPRESS) -> argparse.ArgumentParser:
    """Options every subcommand takes; they also work before the subcommand. Subcommands
    get ``default=SUPPRESS`` so that they do not overwrite what came before them."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="count", default=0 if default is None else default,
                        help="show nbgrader's log (-vv: debug messages too)")
    common.add_argument("--course", type=Path, metavar="DIR", default=default,
                        help="course folder (default: current folder if it has nbgrader_config.py, "
                             "else this repository)")
    common.add_argument("--db", metavar="URL", default=default,
                        help="gradebook database, any SQLAlchemy URL, e.g. postgresql://grader@host/course "
                             "(default: $COURSE_DB_URL, else the course folder's gradebook.db)")
    return common


def make_parser() -> argparse.ArgumentParser:
    """The argument parser; ``--help`` is written by argparse from this."""
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="python -m autograde", description=DESCRIPTION, epilog=EPILOG, parents=[_common_options(None)],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = commands.add_parser("build", parents=[common], help="generate release/ from source/ with nbgrader",
                            description="Generate release/{assignment}/ from source/{assignment}/ and "
                                        "record the assignment in the gradebook.")
    p.add_argument("assignment", nargs="?", metavar="ASSIGNMENT",
                   help="assignment name, e.g. ps01_convolution (default: all with a source notebook)")
    p.set_defaults(run=_cmd_build)

    p = commands.add_parser("grade", parents=[common], help="autograde a folder of submissions",
                            description="Autograde every hand-in of ASSIGNMENT in SUBMISSIONS, write\n"
                                        "feedback and grades.csv, print a table.",
                            epilog=GRADE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("assignment", metavar="ASSIGNMENT", help="assignment name, e.g. ps01_convolution")
    p.add_argument("submissions", type=Path, metavar="SUBMISSIONS", help="folder of hand-ins (only read)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="where grades.csv and a copy of the feedback go (default: the course folder)")
    p.add_argument("--manual-grades", type=Path, metavar="CSV",
                   help="points for manually graded cells: columns student_id,grade_id,points")
    p.add_argument("--workers", type=_positive, metavar="N",
                   help="grading worker processes on this machine (default: one per CPU)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="grade on a Dask cluster instead, e.g. tcp://10.0.0.5:8786 (its workers need this "
                        "package and Jupyter; --workers is then ignored)")
    p.add_argument("--pattern", metavar="REGEX",
                   help="for an archive: the regular expression that reads student_id, file_id and "
                        "optionally timestamp from each file's path (nbgrader's "
                        "FileNameCollectorPlugin.named_regexp; default: that setting in nbgrader_config.py)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (default: shown on a terminal)")
    isolation = p.add_mutually_exclusive_group()
    isolation.add_argument("--sandbox", action="store_true", default=None,
                           help="require the sandbox (the default where bubblewrap runs; Debian: apt-get install "
                                "bubblewrap): each hand-in's kernel sees only its own copy of the hand-in, no "
                                "network, the rest read-only; an error where it cannot run")
    isolation.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                           help="run the kernels as plain nbgrader does, with the course folder in reach")
    p.add_argument("--memory", type=_positive, metavar="MB",
                   help=f"address space of each sandboxed kernel (default {DEFAULT_MEMORY_MB} MiB)")
    p.add_argument("--cpu-time", type=_positive, metavar="S",
                   help=f"CPU seconds of each sandboxed kernel (default {DEFAULT_CPU_S}); the cell timeout "
                        "of nbgrader_config.py bounds each cell's wall time")
    p.set_defaults(run=_cmd_grade)

    p = commands.add_parser("bench", parents=[common], help="measure grading speed against plain execution",
                            description=BENCH_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("assignment", metavar="ASSIGNMENT", help="assignment name, e.g. ps01_convolution")
    p.add_argument("--copies", type=_positive, default=4, metavar="N", help="hand-ins per run (default 4)")
    p.add_argument("--workers", default="1,2", metavar="LIST", help="worker counts to try (default 1,2)")
    p.add_argument("--hand-in", type=Path, metavar="NOTEBOOK", help="the hand-in to copy (default: the reference)")
    p.add_argument("--repeat", type=_positive, default=1, metavar="R",
                   help="rounds of the whole measurement, then their median (default 1)")
    p.set_defaults(run=_cmd_bench)

    p = commands.add_parser("demo", parents=[common], help="build and grade the bundled examples, offline",
                            description="In a temporary course folder with its own SQLite gradebook: build, "
                                        "then grade three example hand-ins per assignment (reference, "
                                        "blank, partly_wrong) and print the tables. Exits 1 if reference "
                                        "is not at full marks, blank not at 0, or partly_wrong at either.")
    p.add_argument("--assignment", action="append", metavar="A",
                   help="only this assignment (repeatable; default: all with a source notebook)")
    p.add_argument("--keep", type=Path, metavar="DIR", help="leave the demo course in DIR (new or empty)")
    p.set_defaults(run=_cmd_demo)

    p = commands.add_parser("check", help="run your notebook as the grader would, visible tests only",
                            description=CHECK_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebook", type=Path, metavar="NOTEBOOK", help="your .ipynb file (it is not changed)")
    p.add_argument("--timeout", type=_positive, default=None, metavar="S",
                   help="seconds a cell may run (default 120, as when graded)")
    p.set_defaults(run=_cmd_check)

    p = commands.add_parser("make-puzzle", help="write ps06's filter puzzle (instructor only)",
                            description=PUZZLE_DESCRIPTION, epilog=PUZZLE_EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, metavar="DIR", required=True,
                   help="folder to write the puzzle into (new or empty, or --force)")
    p.add_argument("--config", type=Path, metavar="JSON", help="read seed, unknown, order (and size) from a JSON file")
    p.add_argument("--seed", type=int, help="seed of the image crops and synthetic images")
    p.add_argument("--unknown", metavar="'a,b,c;d,e,f;g,h,i'", help="the secret 3x3 filter, rows separated by ';'")
    p.add_argument("--order", metavar="i,j,k", help="the secret order, a permutation of 0,1,2 of "
                                                   "[known[0], known[1], unknown]")
    p.add_argument("--size", type=int, default=None, help="image height and width in pixels (default 64)")
    p.add_argument("--force", action="store_true", help="overwrite the puzzle files in a folder that has some")
    p.set_defaults(run=_cmd_make_puzzle)
    return parser


CHECK_DESCRIPTION = """\
Run NOTEBOOK as the grader would (a fresh kernel in the notebook's folder, every
cell in order, each at most 120 s) and print, per answer, whether each of its test
cells passed, failed (with the check's message) or was not attempted, and whether
each written answer has been written. Only the tests in your notebook run: hidden
tests are added when it is graded, so a pass here is necessary, not sufficient.
Nothing is saved. Exit status: 0 when every check passes, 1 otherwise.

    python -m autograde check release/ps02_stride_padding/ps02_stride_padding.ipynb
"""


BENCH_DESCRIPTION = """\
In a throw-away copy of the course, grade N copies of a hand-in (default: the
reference solution) through the whole pipeline, once per worker count, each time
followed by executing the notebook nbgrader executed (hidden tests included) with
plain nbclient. Prints wall time, worker start-up, seconds per hand-in, the plain
run, their ratio, the grading overhead (workers x seconds per hand-in - plain), the
same once each worker has finished its first hand-in (steady: what one more student
costs), the overhead in CPU seconds of all the processes, the speed-up, and what as
many plain runs at once gain (the most the workers can gain on this notebook). With
--repeat R, all that R times, then the median of the rounds per worker count (a
shared machine's speed drifts). Last, how many times one process's work this machine
does in as many processes as workers (the most they can gain).
"""


def _positive(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


PUZZLE_DESCRIPTION = """\
Write the filter puzzle of ps06 into DIR: NN.png grayscale images, NN.txt the output of
the chain of three 3x3 filters (cross-correlation, zero padding 1) on each image's
0...255 pixel values, and algos.csv with the two known filters. The unknown filter
and the order are the secret: they are written to no file of the puzzle.
"""

PUZZLE_EPILOG = """\
Filters are indexed [known[0], known[1], unknown]; --order 2,0,1 applies the unknown
filter first, then known[0], then known[1]. A secret whose order cannot be told apart
from another's (the runner-up order's least-squares residual below 10x the true one's)
is refused with the reason; nothing is written then.

Examples:

    python -m autograde make-puzzle --out source/ps06_filter_puzzle/puzzle \\
        --seed 0 --unknown "1,0,-1;2,0,-2;1,0,-1" --order 2,0,1
    python -m autograde make-puzzle --out /tmp/p --config instructor/ps06_filter_puzzle/puzzle.json

Keep the secret out of source/<assignment>/ except in the hidden tests, and list it in
instructor/<assignment>/private_values.txt so that the release test checks no released
file holds it.
"""


def _cmd_make_puzzle(args: argparse.Namespace) -> int:
    """``make-puzzle --out DIR (--seed S --unknown F --order O | --config JSON)``."""
    from .puzzle import make_puzzle, parse_filter, read_config

    given = {"seed": args.seed, "unknown": args.unknown, "order": args.order, "size": args.size}
    settings = read_config(args.config) if args.config else {}
    settings.update({key: value for key, value in given.items() if value is not None})
    missing = [key for key in ("seed", "unknown", "order") if settings.get(key) is None]
    if missing:
        raise CourseError(f"make-puzzle needs {', '.join('--' + m for m in missing)} (or --config JSON)")
    unknown = settings["unknown"]
    unknown = parse_filter(unknown) if isinstance(unknown, str) else unknown
    puzzle = make_puzzle(args.out, int(settings["seed"]), unknown, settings["order"],
                         size=int(settings.get("size") or 64), force=args.force)
    images = sum(1 for f in puzzle.files if f.suffix == ".png")
    print(f"wrote {images} images, {images} outputs and algos.csv to {puzzle.folder}")
    print("least-squares residual of each order (the true order should be ~0):")
    for order, residual in sorted(puzzle.residuals.items(), key=lambda item: item[1]):
        print(f"  {','.join(map(str, order))}  {residual:.3g}")
    print(f"the runner-up leaves {puzzle.separation:.3g} times the true order's residual (>= 10 needed)")
    return 0


def _configure_logging(verbose: int) -> None:
    """Send nbgrader's log to stderr when ``-v`` is given; keep it captured only otherwise."""
    logger = nbgrader_logger()
    logger.propagate = False
    for handler in list(logger.handlers):
        if getattr(handler, "_autograde", False):
            logger.removeHandler(handler)
    handler: logging.Handler = logging.NullHandler()
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("  nbgrader [%(levelname)s] %(message)s"))
    handler._autograde = True  # type: ignore[attr-defined]
    logger.addHandler(handler)


def _open(args: argparse.Namespace) -> Course:
    """The course named by ``--course`` (or the default one), with the gradebook of
    ``--db``, at the requested log level."""
    course = load_course(args.course, db_url=args.db)
    if args.verbose >= 2:
        course.api.log_level = logging.DEBUG
    return course


def _cmd_build(args: argparse.Namespace) -> int:
    """``build [ASSIGNMENT]``."""
    course = _open(args)
    written = build(course, [args.assignment] if args.assignment else None)
    print(f"built {len(written)} release notebook(s); commit release/ with the source change")
    return 0


def _cmd_grade(args: argparse.Namespace) -> int:
    """``grade ASSIGNMENT SUBMISSIONS``."""
    course = _open(args)
    pattern = args.pattern or course.config.get("FileNameCollectorPlugin", {}).get("named_regexp") or None
    rows = grade(course, args.assignment, args.submissions, out=args.out, manual_grades=args.manual_grades,
                 workers=args.workers, scheduler=args.scheduler, pattern=pattern,
                 progress_bar=not args.no_progress and sys.stderr.isatty(), sandbox=args.sandbox,
                 memory_mb=args.memory, cpu_s=args.cpu_time)
    failed = [row.student for row in rows if not row.graded]
    if failed:
        print(f"\nnot graded: {', '.join(failed)} (see the notes column); fix and rerun the same command",
              file=sys.stderr)
    return 1 if failed else 0


def _cmd_bench(args: argparse.Namespace) -> int:
    """``bench ASSIGNMENT [--copies N] [--workers 1,2] [--hand-in NOTEBOOK] [--repeat R]``."""
    from .bench import bench, format_bench, parallel_ceiling

    try:
        counts = [int(part) for part in args.workers.split(",")]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise CourseError(f"--workers {args.workers!r}: give worker counts such as 1,2")
    course = _open(args)
    rows = bench(course, args.assignment, copies=args.copies, workers=counts, hand_in=args.hand_in,
                 repeat=args.repeat)
    print()
    print(format_bench(rows, f"{args.assignment}: {args.copies} hand-ins per run"))
    for n in sorted({n for n in counts if n > 1}):
        print(f"this machine: {n} processes of pure Python do {parallel_ceiling(n):.2f} times the work of one "
              f"(the most {n} workers can gain)")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    """``check NOTEBOOK [--timeout S]``."""
    from .check import DEFAULT_TIMEOUT, check_notebook, format_check

    results, seconds = check_notebook(args.notebook, timeout=args.timeout or DEFAULT_TIMEOUT)
    print(format_check(args.notebook.name, results, seconds))
    return 0 if all(r.status == "passed" for r in results if r.exercise) else 1


def _cmd_demo(args: argparse.Namespace) -> int:
    """``demo [--assignment A] [--keep DIR]``."""
    results = run_demo(args.assignment, keep=args.keep, course_root=args.course)
    problems = [f"{name}: {p}" for name, rows in results.items() for p in check_demo(rows)]
    for problem in problems:
        print(f"CHECK FAILED {problem}", file=sys.stderr)
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return args.run(args)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
