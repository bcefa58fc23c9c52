"""Grading in bubblewrap (`autograde.sandbox`, ``grade(..., sandbox=True)``).

Each toy hand-in below earns its points only where a kernel can reach what it must
not: the course's source notebook, a server on this machine's loopback, a file
outside its own folder. Graded without the sandbox, they do; inside it, they earn
nothing and change nothing, and the honest hand-in scores the same both ways.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from autograde import build, grade, load_course
from autograde.gradebook import SCRATCH_ENV
from autograde.notebooks import reference_submission, splice
from autograde.sandbox import KERNEL_NAME, bwrap_available, bwrap_command
from tests.conftest import missing_tool
from tests.test_autograde import TOY, make_toy_course, toy_notebook, write_nb

pytestmark = pytest.mark.slow


def _cheats(course_root: Path, port: int) -> dict[str, str]:
    """``{student: square's source}``: right only when the sandbox leaks."""
    source = course_root / "source" / TOY / f"{TOY}.ipynb"
    outside = course_root / "written-by-a-student.txt"
    return {
        "reads_source": f"def square(x):\n    import os\n    return x * x if os.path.exists({str(source)!r}) else 0\n",
        "reads_gradebook": ("def square(x):\n    try:\n"
                            f"        open({str(course_root / 'gradebook.db')!r}, 'rb').read(1)\n"
                            "        return x * x\n    except OSError:\n        return 0\n"),
        "uses_network": ("def square(x):\n    import socket\n    try:\n"
                         f"        socket.create_connection(('127.0.0.1', {port}), timeout=2).close()\n"
                         "        return x * x\n    except OSError:\n        return 0\n"),
        "writes_outside": ("def square(x):\n    try:\n"
                           f"        open({str(outside)!r}, 'w').write('x')\n"
                           "        return x * x\n    except OSError:\n        return 0\n"),
    }


def test_bwrap_command_hides_and_binds(tmp_path: Path):
    """The command hides the given folders, sees the kernel's folder writable, has no network."""
    conn = tmp_path / "kernel.json"
    conn.write_text('{"transport": "ipc", "ip": "%s"}' % (tmp_path / "sockets" / "kernel"))
    (tmp_path / "sockets").mkdir()
    cwd, secret = tmp_path / "work", tmp_path / "course"
    cwd.mkdir(), secret.mkdir()
    command = bwrap_command(["-f", str(conn)], cwd, [secret], conn)
    assert command[:5] == ["bwrap", "--ro-bind", "/", "/", "--dev"]
    assert "--unshare-net" in command and "--die-with-parent" in command
    assert ["--tmpfs", str(secret)] == command[command.index(str(secret)) - 1:command.index(str(secret)) + 1]
    assert ["--bind", str(cwd), str(cwd)] == command[command.index(str(cwd)) - 1:command.index(str(cwd)) + 2]
    assert ["--remount-ro", str(secret)] == command[command.index("--remount-ro"):command.index("--remount-ro") + 2]
    assert command[-4:] == ["-m", "ipykernel_launcher", "-f", str(conn)]
    tcp = tmp_path / "tcp.json"
    tcp.write_text('{"transport": "tcp", "ip": "127.0.0.1"}')
    with pytest.raises(SystemExit, match="ipc transport"):
        bwrap_command(["-f", str(tcp)], cwd, [], tcp)


@pytest.fixture(scope="module")
def listening_port():
    """A server on loopback that a kernel outside the sandbox can reach."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


def test_sandbox_earns_cheats_nothing_and_costs_honest_nothing(tmp_path_factory, listening_port):
    why_not = bwrap_available()
    if why_not:
        missing_tool(why_not)
    course = load_course(make_toy_course(tmp_path_factory.mktemp("sandbox") / "course"))
    build(course, progress=lambda line: None)
    reference = reference_submission(toy_notebook())
    hand_ins = course.root.parent / "hand-ins"
    write_nb(hand_ins / "honest" / TOY / f"{TOY}.ipynb", reference)
    for student, code in _cheats(course.root, listening_port).items():
        write_nb(hand_ins / student / TOY / f"{TOY}.ipynb", splice(reference, {"square": code}))

    seconds = {}
    scores = {}
    for sandbox in (False, True):
        start = time.perf_counter()
        rows = grade(course, TOY, hand_ins, progress=lambda line: None, workers=1, plot=False, sandbox=sandbox)
        seconds[sandbox] = time.perf_counter() - start
        scores[sandbox] = {row.student: row.score for row in rows}
        outside = course.root / "written-by-a-student.txt"
        assert outside.exists() is not sandbox
        outside.unlink(missing_ok=True)
    print(f"\ntoy class of {len(scores[True])}: {seconds[False]:.1f} s plain, {seconds[True]:.1f} s in the sandbox "
          f"(ratio {seconds[True] / seconds[False]:.2f})")
    # Without the sandbox every cheat works (the test is real); inside, none does.
    assert scores[False] == {student: 2 for student in scores[False]}, scores[False]
    assert scores[True] == {"honest": 2, **{student: 0 for student in _cheats(course.root, 0)}}, scores[True]
    assert KERNEL_NAME not in (course.root / "nbgrader_config.py").read_text()


#: ``{student: square's source}`` of hand-ins that break the sandbox's limits.
OVER_LIMITS = {
    # 3 GiB at once: fine on this machine, over a 2 GiB address-space limit
    "hoards_memory": "def square(x):\n    hoard = bytearray(3 * 2**30)\n    return x * x\n",
    # a minute of CPU before the answer: over a 4 s CPU limit, well within the 30 s cell timeout
    "spins_cpu": "import time\nstart = time.process_time()\nwhile time.process_time() - start < 60:\n    pass\n"
                 "def square(x):\n    return x * x\n",
}


def test_limits_stop_a_hand_in_and_only_it(tmp_path_factory, monkeypatch):
    """``memory_mb`` and ``cpu_s`` bound each sandboxed kernel: the hand-in over a limit
    loses the answer that broke it (a MemoryError, a kernel killed for CPU time), with
    its status saying so; the honest hand-in beside it scores full marks."""
    why_not = bwrap_available()
    if why_not:
        missing_tool(why_not)
    root = make_toy_course(tmp_path_factory.mktemp("limits") / "course")
    config = root / "nbgrader_config.py"  # the course's crash containment, as in nbgrader_config.py
    config.write_text(config.read_text() + "from autograde.execute import autograde_preprocessors\n"
                      "c.Autograde.autograde_preprocessors = autograde_preprocessors()\n")
    course = load_course(root)
    build(course, progress=lambda line: None)
    reference = reference_submission(toy_notebook())
    hand_ins = root.parent / "hand-ins"
    write_nb(hand_ins / "honest" / TOY / f"{TOY}.ipynb", reference)
    for student, code in OVER_LIMITS.items():
        write_nb(hand_ins / student / TOY / f"{TOY}.ipynb", splice(reference, {"square": code}))
    scratch = root.parent / "scratch"   # the workspaces (and their kernelspecs and sockets)
    scratch.mkdir()
    monkeypatch.setenv(SCRATCH_ENV, str(scratch))
    rows = {row.student: row for row in grade(course, TOY, hand_ins, progress=lambda line: None, workers=1,
                                              plot=False, sandbox=True, memory_mb=2048, cpu_s=4)}
    left = sorted(scratch.rglob("*"))
    assert not left, f"grading left its workspaces (kernelspecs, sockets) behind: {left[:5]}"
    assert rows["honest"].score == 2 and rows["honest"].status == "ok", rows["honest"]
    assert rows["hoards_memory"].score == 0 and "memory_error" in rows["hoards_memory"].flags, rows["hoards_memory"]
    assert rows["spins_cpu"].score == 0 and "kernel_died" in rows["spins_cpu"].flags, rows["spins_cpu"]
    assert rows["spins_cpu"].seconds < 25, "the CPU limit, not the 30 s cell timeout, stopped the spinning cell"

