"""nbgrader configuration of the course (read by nbgrader, JupyterLab's nbgrader
extension and ``python -m autograde``).

The gradebook is the SQLite file ``gradebook.db`` beside this file unless the
environment variable ``COURSE_DB_URL`` names another database (any SQLAlchemy URL,
e.g. ``postgresql://grader@localhost/cnn_course``).
"""

import os

from autograde.execute import HARMLESS_WARNING, autograde_preprocessors
from autograde.feedback import FeedbackExporter, feedback_preprocessors

c = get_config()  # noqa: F821 -- provided by traitlets when nbgrader loads this file

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "cnn-hands-on"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.db_url = os.environ.get("COURSE_DB_URL") or (
    "sqlite:///" + os.path.join(COURSE_ROOT, "gradebook.db")
)

# The six assignments, in teaching order. `python -m autograde` builds and grades
# those whose source/<name>/ folder exists.
c.Course.assignments = [
    "ps01_convolution",
    "ps02_stride_padding",
    "ps03_fcn_vs_cnn",
    "ps04_sift_backprop",
    "ps05_resnet_gradients",
    "ps06_filter_puzzle",
]

# Seconds a single cell may run while autograding before it is interrupted and
# scored 0 (the slowest cell of any source notebook takes well under this).
c.ExecutePreprocessor.timeout = 120

# Kernels log a warning at start-up ("running over TCP without encryption"); when
# it reaches a test cell's stderr, nbgrader scores that cell 0. Only errors are logged.
c.Execute.extra_arguments = ["--IPKernelApp.log_level=ERROR"]

# A kernel that dies (os._exit, a segfault, memory) costs the cell it died in: the
# cells after it run in a fresh kernel, and the points earned before are kept.
# nbgrader alone deletes every score of such a notebook (nbgrader#1033).
c.Autograde.autograde_preprocessors = autograde_preprocessors()

# A Python warning written to stderr (`path:12: UserWarning: ...`) is dropped from
# the cell's output before scoring: nbgrader scores any stderr output 0.
c.IgnorePattern.pattern = HARMLESS_WARNING
c.IgnorePattern.enabled = True

# nbgrader puts back a deleted test cell only with add_missing_cells; autograde's
# repair step (autograde/repair.py) does it from the release notebook instead.

# Longer output than this many lines per cell is cut (a flood of prints).
c.LimitOutput.max_lines = 1000

# What a student finds in place of each solution.
c.ClearSolutions.code_stub = {
    "python": (
        "# YOUR CODE HERE: replace this line with your implementation.\n"
        'raise NotImplementedError("fill in this cell, then run the test cell below it")'
    )
}
# Feedback for students shows each test cell's visible checks and its result, never
# the hidden tests' source (nbgrader alone renders the autograded notebook as it ran).
c.GenerateFeedback.preprocessors = feedback_preprocessors()
# The same HTML, with its templates compiled once per grading process, not per hand-in.
c.GenerateFeedback.exporter_class = FeedbackExporter

c.ClearSolutions.text_stub = "YOUR ANSWER HERE: write your explanation in this cell."
