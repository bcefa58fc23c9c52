"""The kernel guard's parts, in this process (the grading kernels run it in
tests/test_class_grading.py, against the tricks of tests/adversarial.py): what it
protects, what it puts back, what it lets be."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
