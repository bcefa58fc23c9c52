"""Does ``authoring/build.py`` give cells ids that survive an edit elsewhere, and point
at the file and line of a mistake?"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.assignments import ROOT

_spec = importlib.util.spec_from_file_location("authoring_build", ROOT / "authoring" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SCRIPT = '''\
# %% [markdown]
# # A tiny assignment
#
# Intro.

# %%
import math

# %% [markdown]
# ## Part A: square (2 points)

# %% answer id=square
def square(x):
    ### BEGIN SOLUTION
    return x * x
    ### END SOLUTION

# %% test id=square_correct points=2
"""square: small integers"""
assert square(3) == 9

# %% [markdown]
# Notes.

# %% [markdown]
# Notes.
'''


def _ids(text: str) -> list[str]:
    return [cell.id for cell in build.notebook_from_script(text).cells]


def test_cell_ids_survive_an_inserted_cell():
    """Inserting a cell at the top leaves every other cell's id as it was?"""
    before = _ids(SCRIPT)
    after = _ids("# %% [markdown]\n# A new first cell.\n\n" + SCRIPT)
    assert after[1:] == before
    assert len(set(after)) == len(after)


def test_cell_ids_come_from_content_and_grade_ids():
    """Graded cells keep their grade id; plain ones are named by content; duplicates made unique?"""
    ids = _ids(SCRIPT)
    assert ids[:6] == ["md-a-tiny-assignment", "code-import-math", "md-part-a-square-2-points", "square",
                       "square-correct", ids[5]]
    assert ids[5].startswith("md-notes-") and ids[6].startswith("md-notes-") and ids[5] != ids[6]


FIRST_USE = SCRIPT.splitlines().index("# %% test id=square_correct points=2") + 1
BAD_LINE = SCRIPT.count("\n") + 2  # the line after a blank one appended to SCRIPT


@pytest.mark.parametrize("bad, says", [
    ("# %% tset id=oops points=1\npass\n", "unknown cell header"),
    ("# %% test points=1\npass\n", "need id="),
    ("# %% test id=square_correct points=1\npass\n", f"already used at line {FIRST_USE}"),
    ("# %% test id=more points=two\npass\n", "is not a number"),
    ("# %% test id=more\npass\n", "needs points=N"),
])
def test_errors_name_the_file_and_line(bad, says):
    """A bad header is reported as ``file:line: what is wrong``?"""
    line = BAD_LINE
    with pytest.raises(build.AuthoringError) as caught:
        build.notebook_from_script(SCRIPT + "\n" + bad, "authoring/psXX.py")
    assert str(caught.value).startswith(f"authoring/psXX.py:{line}: "), caught.value
    assert says in str(caught.value)


def test_command_line_reports_an_unknown_script():
    """``build.py NAME`` for a script that does not exist exits 2 and lists the scripts there are?"""
    proc = subprocess.run([sys.executable, str(ROOT / "authoring" / "build.py"), "--check", "ps99_nothing"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "no authoring/ps99_nothing.py" in proc.stderr and "ps01_convolution" in proc.stderr
