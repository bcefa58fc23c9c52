"""How :mod:`autograde.logs` reads nbgrader's logs: what failed, for an instructor.

The logs are written as nbgrader writes them (``[LEVEL] message`` lines, a traceback
logged with ``traceback.format_exc()``), around real exceptions raised here.
"""

from __future__ import annotations

import io
import logging
import traceback

from nbclient.exceptions import CellTimeoutError
from nbformat.v4 import new_code_cell
from tornado.log import LogFormatter

from autograde.logs import condense_log, environment_problem, what_failed


def _logged(error: BaseException) -> str:
    """nbgrader's log of a hand-in whose conversion raised ``error``, in the format of
    nbgrader's ``capture_log`` (tornado's formatter indents a record's later lines)."""
    def convert() -> None:
        raise error

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(LogFormatter(fmt="[%(levelname)s] %(message)s", color=False))
    log = logging.getLogger("test_logs.nbgrader")
    log.propagate = False
    log.addHandler(handler)
    try:
        log.info("Autograding submission")
        try:
            convert()
        except BaseException:  # noqa: BLE001 -- logged as nbgrader logs it
            log.error("There was an error processing assignment: ps01")
            log.error(traceback.format_exc())
        log.warning("Removing failed assignment: autograded/alice/ps01")
    finally:
        log.removeHandler(handler)
    return buffer.getvalue()


def test_a_timeout_says_what_timed_out_not_the_cell_preview_rule():
    """Does a cell timeout (whose message ends with the cell's source between ``-----``
    rules) read as the timeout and its reason, not as its last line ``-------------------``?"""
    cell = new_code_cell("while True:\n    pass")
    log = _logged(CellTimeoutError.error_from_timeout_and_cell("Timeout waiting for IOPub output", 20, cell))
    last_line = [line for line in log.split("[WARNING]")[0].splitlines() if line.strip()][-1]
    assert last_line.strip() == "-------------------"  # what used to be reported: the traceback's last line
    reason = ("A cell timed out while it was being executed, after 20 seconds. "
              "The message was: Timeout waiting for IOPub output.")
    assert what_failed({"log": log}) == f"CellTimeoutError: {reason}"
    kept, exceptions = condense_log(log)
    assert exceptions == [f"nbclient.exceptions.CellTimeoutError: {reason}"]
    assert "  File " not in kept and "Removing failed assignment" in kept


def test_the_last_exception_of_a_chain_is_reported():
    """Of a chained traceback, is the exception raised last the one reported?"""
    try:
        try:
            raise KeyError("grade_id")
        except KeyError as inner:
            raise RuntimeError("the gradebook has no cell 'grade_id'") from inner
    except RuntimeError as outer:
        error = outer
    assert what_failed({"log": _logged(error)}) == "RuntimeError: the gradebook has no cell 'grade_id'"


def test_without_a_traceback_the_first_error_line_then_the_error_field():
    """Without a traceback, is the first ``[ERROR]`` line reported, else the result's
    own ``error`` field's last line, else a hint?"""
    assert what_failed({"log": "[INFO] x\n[ERROR] no such notebook\n[ERROR] later"}) == "no such notebook"
    assert what_failed({"log": "", "error": "Traceback ...\nValueError: bad"}) == "ValueError: bad"
    assert what_failed({}) == "no reason given; rerun with -v"


def test_a_missing_module_is_an_environment_problem_and_a_bad_notebook_is_not():
    """Does a ``ModuleNotFoundError`` in the log name the environment as the culprit
    (with a fix), while a notebook's own error does not?"""
    missing = environment_problem({"log": _logged(ModuleNotFoundError("No module named 'torch'"))})
    assert missing and "torch" in missing
    assert environment_problem({"log": _logged(ValueError("bad cell"))}) is None
