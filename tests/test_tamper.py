"""Does the static scan flag every way a hand-in could talk a test out of its verdict
(several ways each), and no honest answer: not the references, not one of the
catalogue's right or wrong answers (issue 13, item 3)?"""

from __future__ import annotations

import copy

import nbformat
import pytest

from autograde.notebooks import nbgrader_meta, reference_submission, splice
from autograde.tamper import KINDS, scan_code, scan_notebook
from tests.assignments import ASSIGNMENTS, CATALOGUE, ROOT, defined_names, exercises, read_source

#: (code, the kind it must be flagged as). Names such as ``np`` are imported in the
#: notebook's own cells; the scan is told so below.
TRICKS = [
    ("np.allclose = lambda *args, **kwargs: True", "patches_library"),
    ("import numpy\nnumpy.testing.assert_allclose = print", "patches_library"),
    ("checks.check_close = lambda *args, **kwargs: None", "patches_library"),
    ("torch.Tensor.__eq__ = lambda self, other: True", "patches_library"),
    ("import builtins\nbuiltins.isinstance = lambda *args: True", "patches_library"),
    ("__builtins__.isinstance = lambda *args: True", "patches_library"),
    ("setattr(np, 'allclose', lambda *args, **kwargs: True)", "patches_library"),
    ("vars(checks)['check_close'] = print", "patches_library"),
    ("np.__dict__['allclose'] = print", "patches_library"),
    ("isinstance = lambda *args: True", "shadows_name"),
    ("def len(x):\n    return 3", "shadows_name"),
    ("np = FakeNumpy()", "shadows_name"),
    ("class AssertionError(Exception):\n    pass", "shadows_name"),
    ("import sys\nsys.modules['course_utils.checks'] = fake", "edits_sys_modules"),
    ("import sys\nsys.modules.update(numpy=fake)", "edits_sys_modules"),
    ("import sys\ndel sys.modules['numpy']", "edits_sys_modules"),
    ("get_ipython().input_transformers_cleanup.append(lambda lines: [])", "ipython_hooks"),
    ("ip = get_ipython()\nip.input_transformers_post.insert(0, blank)", "ipython_hooks"),
    ("get_ipython().ast_transformers.append(Blank())", "ipython_hooks"),
    ("get_ipython().events.register('pre_run_cell', hook)", "ipython_hooks"),
    ("shell = get_ipython()\nshell.run_cell = lambda *args, **kwargs: None", "ipython_hooks"),
    ("get_ipython().set_custom_exc((Exception,), lambda *args, **kwargs: None)", "exception_handler"),
    ("get_ipython().showtraceback = lambda *args, **kwargs: None", "exception_handler"),
    ("import sys\nsys.excepthook = lambda *args: None", "exception_handler"),
    ("class Anything:\n    def __eq__(self, other):\n        return True", "overrides_comparison"),
    ("class Truthy(float):\n    def __bool__(self):\n        return True\n    __lt__ = __bool__",
     "overrides_comparison"),
    ("class Fake:\n    def __array_function__(self, *args):\n        return True", "overrides_comparison"),
    ("Any = type('Any', (), {'__eq__': lambda self, other: True})", "overrides_comparison"),
    ("text = open('/work/course/source/ps01_convolution/ps01_convolution.ipynb').read()", "reads_outside"),
    ("import os\nos.listdir('..')", "reads_outside"),
    ("from pathlib import Path\nPath('../../gradebook.db').read_bytes()", "reads_outside"),
    ("import shutil\nshutil.copytree('../other_student', 'mine')", "reads_outside"),
    ("import os\nos.chdir(os.path.expanduser('~'))", "reads_outside"),
    ("import os\nGRADED = 'NBGRADER_EXECUTION' in os.environ", "checks_grading"),
    ("import os\nGRADED = os.getenv('NBGRADER_EXECUTION') == 'autograde'", "checks_grading"),
    ("import nbgrader", "checks_grading"),
    ("!cat ../../source/*/*.ipynb", "runs_commands"),
    ("import subprocess\nsubprocess.run(['cp', 'a', 'b'])", "runs_commands"),
    ("import os\nos.system('ls')", "runs_commands"),
    ("%system ls", "runs_commands"),
    ("exec('np.all' + 'close = print')", "runs_built_code"),
    ("import sys\ndef same_padding(k, d=1):\n    return sys._getframe(1).f_locals['expected']", "inspects_frames"),
    ("import inspect\nexpected = inspect.currentframe().f_back.f_globals", "inspects_frames"),
    ("import gc\nholders = gc.get_referrers(check_close)", "inspects_frames"),
    ("frame = getattr(sys, '_getframe')(2)", "inspects_frames"),
    ("fake = __import__('num' + 'py')", "runs_built_code"),
    ("import importlib\nimportlib.import_module('builtins').len = print", "runs_built_code"),
]

HONEST = [
    "def conv(x, w):\n    input = x\n    filter = w\n    return (input * filter).sum()",
    "import torch\ntorch.backends.cudnn.deterministic = True\ntorch.manual_seed(0)",
    "model = make_net(3)\nmodel.fc = nn.Linear(16, 5)",
    "plt.rcParams['figure.figsize'] = (4, 3)\nprint('training...')",
    "np.random.seed(0)\nx = np.linspace(0, 1, 5)\nprint(f'{x[0]}/{x[1]}')",
    "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
    "    def forward(self, x):\n        return x",
    "def f(values):\n    sum = 0\n    for v in values:\n        sum += v\n    return sum",
    "ORDER = (0, 2, 1)  # a tuple of three ints",
    "x = (",  # does not parse: runs as an error, changes nothing
]

MODULES = {"np", "torch", "nn", "checks", "plt", "builtins", "__builtins__"}


def test_every_kind_is_tried_several_ways():
    """Does the list of tricks try every kind of finding, most of them more than once?"""
    tried = [kind for _, kind in TRICKS]
    assert set(tried) == set(KINDS)
    assert len(TRICKS) >= 25 and sum(tried.count(k) >= 2 for k in KINDS) >= len(KINDS) - 1


@pytest.mark.parametrize("code, kind", TRICKS, ids=[f"{k}-{i}" for i, (_, k) in enumerate(TRICKS)])
def test_trick_is_flagged(code: str, kind: str):
    """Is the trick flagged as what it is, on the line it is on?"""
    findings = scan_code(code, "answer", modules=MODULES | {"numpy", "sys", "os", "importlib", "subprocess",
                                                             "shutil", "Path", "nbgrader"})
    assert kind in {f.kind for f in findings}, findings
    assert all(f.cell == "answer" and 1 <= f.line <= code.count("\n") + 1 for f in findings)


@pytest.mark.parametrize("code", HONEST)
def test_honest_code_is_not_flagged(code: str):
    """Are common honest lines (a variable named input, a seed, a model's layer, a
    running sum) left alone?"""
    assert scan_code(code, "answer", modules=MODULES) == []


def _with_entry(reference: nbformat.NotebookNode, assignment: str, code: str) -> nbformat.NotebookNode:
    """The reference with the answer cell of the exercise ``code`` answers replaced by
    all of ``code`` (helpers and imports included), as a student would hand it in."""
    source = read_source(assignment)
    answered = {e.grade_id for e in exercises(source) for name in defined_names(code) if name in e.names}
    assert len(answered) == 1, answered
    nb = copy.deepcopy(reference)
    next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") in answered).source = code
    return nb


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_honest_hand_in_is_flagged(assignment: str):
    """Do the reference solution and every catalogue entry (right and wrong answers are
    honest attempts) come through the scan without a finding?"""
    reference = reference_submission(read_source(assignment))
    release = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    assert scan_notebook(reference, release) == []
    entries = sorted((CATALOGUE / assignment).glob("*/*.py"))
    assert entries
    flagged = {}
    for entry in entries:
        findings = scan_notebook(_with_entry(reference, assignment, entry.read_text()), release)
        if findings:
            flagged[entry.stem] = [f.describe() for f in findings]
    assert not flagged, flagged


def test_scan_reads_answer_and_added_cells_only():
    """Is a trick found in an answer cell and in a cell the student added, while the
    locked cells (nbgrader puts them back) and untouched release cells are not read?"""
    assignment = ASSIGNMENTS[0]
    source = read_source(assignment)
    release = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    answer = exercises(source)[0]
    name = answer.names[0]
    nb = splice(reference_submission(source), {name: f"np.allclose = print\n\n{answer.source}"})
    nb.cells.append(nbformat.v4.new_code_cell("import builtins\nbuiltins.len = print"))
    locked = next(c for c in nb.cells if nbgrader_meta(c).get("locked") and c.cell_type == "code")
    locked.source += "\nisinstance = print"
    cells = {f.cell: f.kind for f in scan_notebook(nb, release)}
    assert cells == {answer.grade_id: "patches_library", f"cell {len(nb.cells)}": "patches_library"}, cells
