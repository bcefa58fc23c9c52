"""An adversarial class: hand-ins of the real ps02 that try to game the grader (issue 13).

Graded in ``tests/test_class_grading.py``, in one batch with the faulty class. Every
hand-in is the same base submission, the reference with two wrong answers
(``two_conv_param_count`` forgets the biases, ``same_padding`` the dilation), plus one
trick put after the ``two_conv_param_count`` answer: patching ``course_utils``, torch or
builtins, a fake module in ``sys.modules``, IPython input or AST transformers, event
callbacks, a custom exception handler, results that claim to equal anything, reads and
writes outside the hand-in, shell commands, code built at run time. Graded in the
sandbox, with the base beside them, each trick must gain nothing over the base, be
flagged by the static scan, and leave the grader, the course folder and the other
students untouched.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from autograde.notebooks import nbgrader_meta, reference_submission
from tests.assignments import read_source

PS02 = "ps02_stride_padding"
SOURCE = read_source(PS02)
AUTOGRADED = sum(float(nbgrader_meta(c)["points"]) for c in SOURCE.cells
                 if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution"))
CARRIER = "two_conv_param_count"  # the answer cell each trick is put after
#: Files the tricks try to write outside their hand-in (``{course}``, ``{hand_ins}`` filled in).
LOOT = "{course}/stolen.txt"

WRONG = {
    "two_conv_param_count": "def two_conv_param_count(in_channels, height, width, num_classes):\n"
                            "    return 16 * in_channels * 9 + 32 * 16 * 9 + num_classes * 32 * height * width\n",
    "same_padding": "def same_padding(kernel_size, dilation=1):\n"
                    "    if isinstance(kernel_size, (tuple, list)):\n"
                    "        return tuple((k - 1) // 2 for k in kernel_size)\n"
                    "    if kernel_size % 2 == 0:\n"
                    "        raise ValueError('the kernel size is even')\n"
                    "    return (kernel_size - 1) // 2\n",
}

_FAKE_CHECKS = ("import types\n"
                "fake = types.ModuleType('course_utils')\n"
                "fake.check_returns = fake.check_close = fake.check_shape = fake.forbid = lambda *a, **k: None\n"
                "fake.check_plain = fake.check_type = fake.check_dtype = fake.check_returns\n")
_SAME = ("class Same(int):\n"
         "    def __eq__(self, other):\n        return True\n"
         "    def __ne__(self, other):\n        return False\n"
         "    __hash__ = int.__hash__\n")

#: ``{name: (code put after the carrier answer, a kind the scan must report)}``.
TRICKS: dict[str, tuple[str, str]] = {
    # patching the libraries the tests use: put back before every test
    "no_op_check_returns": ("import course_utils\ncourse_utils.check_returns = lambda *a, **k: None\n",
                            "patches_library"),
    "torch_parameters": ("import torch.nn\n"
                         "torch.nn.Module.parameters = lambda self, recurse=True: (\n"
                         "    p for n, p in self.named_parameters(recurse=recurse) if not n.endswith('bias'))\n",
                         "patches_library"),
    "functional_conv2d": ("import torch.nn.functional\n_conv2d = torch.nn.functional.conv2d\n"
                          "torch.nn.functional.conv2d = lambda x, w, *a, dilation=1, **k: _conv2d(x, w, *a, **k)\n",
                          "patches_library"),
    "builtins_sum": ("import builtins\n_sum = builtins.sum\n"
                     "builtins.sum = lambda values, start=0: _sum(values, start) - 48 if start == 0 else 0\n",
                     "patches_library"),
    "shadow_sum": ("def sum(values, start=0):\n    return 0\n", "shadows_name"),
    "shadow_check_plain": ("check_plain = check_returns = lambda *a, **k: None\n", "shadows_name"),
    # fake modules
    "fake_course_utils": (_FAKE_CHECKS + "import sys\nsys.modules['course_utils'] = fake\n", "edits_sys_modules"),
    "fake_checks_update": (_FAKE_CHECKS + "import sys\nsys.modules.update({'course_utils': fake, "
                                          "'course_utils.checks': fake})\n", "edits_sys_modules"),
    # IPython: blank or rewrite the test cells
    "blank_cleanup": ("get_ipython().input_transformers_cleanup.append(\n"
                      "    lambda lines: [] if any('two_conv_param_count' in l or 'same_padding' in l "
                      "for l in lines) else lines)\n", "ipython_hooks"),
    "blank_post": ("ip = get_ipython()\n"
                   "ip.input_transformers_post.insert(0, lambda lines: [l for l in lines "
                   "if not l.lstrip().startswith(('assert', 'check_'))])\n", "ipython_hooks"),
    "strip_asserts_ast": ("import ast\n"
                          "class NoAsserts(ast.NodeTransformer):\n"
                          "    def visit_Assert(self, node):\n        return ast.Pass()\n"
                          "get_ipython().ast_transformers.append(NoAsserts())\n", "ipython_hooks"),
    "line_transform": ("get_ipython().input_transformer_manager.line_transforms.append(\n"
                       "    lambda lines: ['pass\\n'] if any('check_' in l for l in lines) else lines)\n",
                       "ipython_hooks"),
    "pre_run_hook": ("def hook(info):\n"
                     "    import course_utils\n    course_utils.check_returns = lambda *a, **k: None\n"
                     "get_ipython().events.register('pre_run_cell', hook)\n", "ipython_hooks"),
    "run_cell_override": ("shell = get_ipython()\n_run = shell.run_cell\n"
                          "shell.run_cell = lambda cell, *a, **k: _run('pass' if 'two_conv' in cell else cell, *a, **k)\n",
                          "ipython_hooks"),
    # swallowing a failing test's error
    "custom_exc": ("get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)\n",
                   "exception_handler"),
    "hide_traceback": ("get_ipython()._showtraceback = lambda *args, **kwargs: None\n", "exception_handler"),
    "hide_traceback_class": ("type(get_ipython())._showtraceback = lambda *args, **kwargs: None\n",
                             "exception_handler"),
    # results that claim to equal anything
    "always_equal_int": (_SAME + "_count = two_conv_param_count\n"
                         "def two_conv_param_count(*args):\n    return Same(_count(*args))\n",
                         "overrides_comparison"),
    "always_equal_pair": (_SAME + "def same_padding(kernel_size, dilation=1):\n"
                          "    return Same(1) if isinstance(kernel_size, int) else (Same(1), Same(1))\n",
                          "overrides_comparison"),
    # reaching outside the hand-in (the sandbox hides or refuses it)
    "copy_gradebook": ("import shutil\ntry:\n    shutil.copy('{course}/gradebook.db', 'gradebook-copy.db')\n"
                       "    print('LEAKED')\nexcept OSError:\n    pass\n", "reads_outside"),
    "write_outside": ("try:\n    open('" + LOOT + "', 'w').write('source')\nexcept OSError:\n    pass\n",
                      "reads_outside"),
    "read_other_students": ("import os\ntry:\n    print('LEAKED', os.listdir('{hand_ins}'))\nexcept OSError:\n"
                            "    pass\n", "reads_outside"),
    "read_hidden_tests": ("try:\n    print('LEAKED', len(open('{course}/source/ps02_stride_padding/"
                          "ps02_stride_padding.ipynb').read()))\nexcept OSError:\n    pass\n", "reads_outside"),
    "shell_copy": ("!cat {course}/source/ps02_stride_padding/ps02_stride_padding.ipynb > /dev/null 2>&1 "
                   "&& echo LEAKED\n", "runs_commands"),
    # behaving differently when graded, code the scan cannot read
    "only_when_graded": ("import os\nif os.environ.get('NBGRADER_EXECUTION'):\n"
                         "    get_ipython().input_transformers_cleanup.append(\n"
                         "        lambda lines: [] if any('check_' in l for l in lines) else lines)\n",
                         "checks_grading"),
    "built_code": ("exec('import course_utils; course_utils.check_returns = lambda *a, **k: None')\n",
                   "runs_built_code"),
}


def hand_in(trick: str = "", answers: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The reference with ``answers`` (``{grade_id: source}``) put in, and ``trick`` after
    the carrier answer."""
    nb = reference_submission(SOURCE)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in (answers or {}):
            cell.source = answers[grade_id]
        if grade_id == CARRIER and trick:
            cell.source += "\n" + trick
    return nb


#: The hand-in every trick is added to, and the prefix of the tricks' student ids.
BASE, PREFIX = "trick_base", "trick_"


def write_tricks(folder: Path, course: Path) -> list[str]:
    """Write the base and one hand-in per trick (``trick_<name>.ipynb``) into ``folder``,
    for the course folder ``course``; return their student ids."""
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(hand_in(answers=WRONG), folder / f"{BASE}.ipynb")
    for name, (code, _) in TRICKS.items():
        code = code.replace("{course}", str(course)).replace("{hand_ins}", str(folder))
        nbformat.write(hand_in(code, WRONG), folder / f"{PREFIX}{name}.ipynb")
    return [BASE] + [PREFIX + name for name in TRICKS]
