"""The kernel guard's parts, in this process (the grading kernels run it in
tests/test_class_grading.py, against the tricks of tests/adversarial.py): what it
protects, what it puts back, what it lets be."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import nbformat

from autograde import guard
from tests.assignments import read_source


def test_protected_modules_and_release_imports_come_from_the_instructors_cells():
    """``import scipy.signal`` in a test cell protects ``scipy.signal`` itself (not only
    ``scipy``); the aliases rebound before a test are the release's own."""
    ps01 = read_source("ps01_convolution")
    protected = guard.protected_modules(ps01)
    assert {"scipy.signal", "torch.nn.functional", "course_utils", "numpy"} <= set(protected), protected
    imports = guard.release_imports(ps01)
    assert imports["np"] == ("numpy", None) and imports["F"] == ("torch.nn.functional", None), imports
    assert guard.builtins_used("for i in range(len(x)):\n    assert isinstance(i, int)") == ["int", "isinstance",
                                                                                            "len", "range"]


def test_release_imports_leave_out_names_a_helper_function_imports():
    """A name imported inside a test's helper function is that function's own: rebinding it
    in the namespace before each test would overwrite a student's global of that name.
    Imports under a top-level ``if`` or ``try`` do bind in the namespace."""
    source = textwrap.dedent("""
        import numpy as np
        try:
            import cv2
        except ImportError:
            cv2 = None

        def _reference(x):
            from scipy.signal import correlate2d
            return correlate2d(x, x)

        class Probe:
            import math
    """)
    cell = nbformat.v4.new_code_cell(source, metadata={"nbgrader": {"grade": True, "grade_id": "t", "points": 1,
                                                                     "locked": True, "solution": False}})
    imports = guard.release_imports(nbformat.v4.new_notebook(cells=[cell]))
    assert imports == {"np": ("numpy", None), "cv2": ("cv2", None)}, imports


def test_kernel_guard_puts_patches_back_and_names_them():
    """In a fresh interpreter: a patched torch function, a replaced check, a fake module in
    ``sys.modules`` and a method added to ``torch.Tensor`` are reported and undone, while
    torch._dynamo's own wrapper of ``torch.manual_seed`` (made on first use) is accepted."""
    script = textwrap.dedent(f"""
        import sys, types
        module = types.ModuleType("_g")
        exec(compile(open({guard.kernel_guard.__file__!r}).read(), "_g", "exec"), module.__dict__)
        module.install(["torch", "numpy", "course_utils"])
        import torch, course_utils
        import torch._dynamo  # wraps torch.manual_seed: a library's own change
        assert module.after("n") == "n", module.after("n")
        original = torch.nn.functional.conv2d
        torch.nn.functional.conv2d = lambda *a, **k: None
        course_utils.check_close = lambda *a, **k: None
        sys.modules["course_utils.checks"] = types.ModuleType("fake")
        torch.Tensor.__eq__ = lambda self, other: True
        answer = module.after("n")
        assert answer.startswith(module.CHANGED) and answer.endswith("n"), answer
        for name in ("torch.nn.functional.conv2d", "course_utils.check_close",
                     "sys.modules['course_utils.checks']", "Tensor.__eq__"):
            assert name in answer, (name, answer)
        assert torch.nn.functional.conv2d is original and torch.zeros(1) == torch.zeros(1)
        assert module.after("n") == "n"
        print("ok")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip().endswith("ok"), run.stderr[-2000:]
