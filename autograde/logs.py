"""nbgrader's logs, read for an instructor: what failed, and whether the Python
environment (not a notebook) is to blame.

Each nbgrader API call returns ``success``, ``log`` and ``error``; the log holds
tracebacks whose frames say little to an instructor, while the final
``SomeError: message`` line says what to fix.
"""

from __future__ import annotations

import re
import sys
from typing import Mapping

__all__ = ["condense_log", "what_failed", "environment_problem"]


def _error_summary(result: Mapping[str, object]) -> str:
    """The last line of the traceback in an nbgrader API result ('' when none)."""
    error = str(result.get("error") or "").strip()
    return error.splitlines()[-1] if error else ""


#: Lines of an exception's message after its first that :func:`condense_log` keeps.
MESSAGE_LINES = 3


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _exception_line(block: list[str]) -> str | None:
    """The exception of a traceback ``block``, on one line: the first line after the last
    frame indented no deeper than the ``Traceback`` header (nbgrader's log formatter
    indents a record's later lines), with the lines of its message that follow, up to a
    rule, a blank line or a line introducing a listing (nbclient's ``CellTimeoutError``
    ends with ``Here is a preview of the cell contents:`` and the cell between ``-----``
    rules). Without frames, the last non-blank line."""
    frames = [i for i, line in enumerate(block) if line.lstrip().startswith('File "')]
    text = [line.strip() for line in block if line.strip()]
    if not frames:
        return text[-1] if text else None
    header = _indent(block[frames[-1]]) - 2  # frames are indented 2 more than the header
    after = block[frames[-1] + 1:]
    start = next((i for i, line in enumerate(after) if line.strip() and _indent(line) <= header), None)
    if start is None:
        return text[-1] if text else None
    rest = [line.strip() for line in after[start:]]
    message = [rest[0]]
    for line in rest[1:1 + MESSAGE_LINES]:
        if not line or set(line) <= set("-=") or line.endswith(":"):
            break
        message.append(line)
    return " ".join(message)


def condense_log(log: str) -> tuple[str, list[str]]:
    """nbgrader's log without traceback frames, and the exception lines it holds.

    nbgrader logs each error with its traceback; the frame lines say little to an
    instructor, the final ``SomeError: message`` line says what to fix.
    """
    kept: list[str] = []
    exceptions: list[str] = []
    block: list[str] | None = None  # lines of the traceback being skipped
    prefix = ""  # the log-level tag of the record that holds the traceback

    def close_block() -> None:
        line = _exception_line(block or [])
        if line:
            exceptions.append(line)
            kept.append(f"{prefix}{line}")

    for line in log.splitlines():
        if block is not None and line.startswith("["):
            close_block()
            block = None
        if "Traceback (most recent call last):" in line:
            block, prefix = [], line.split("Traceback")[0]
        elif block is not None:
            block.append(line)
        else:
            kept.append(line)
    close_block()
    return "\n".join(kept), exceptions


def what_failed(result: Mapping[str, object]) -> str:
    """The most telling error of a failed nbgrader call: the first exception in its log
    (module path dropped), else its first [ERROR] line, else its traceback's last line."""
    log, exceptions = condense_log(str(result.get("log") or ""))
    if exceptions:
        name, sep, message = exceptions[0].partition(": ")
        return f"{name.rsplit('.', 1)[-1]}{sep}{message}"
    errors = [line.split("]", 1)[1].strip() for line in log.splitlines() if line.startswith("[ERROR]")]
    return (errors[0] if errors else _error_summary(result)) or "no reason given; rerun with -v"


#: Exceptions in nbgrader's log that come from the Python environment, not from a notebook.
ENVIRONMENT_ERROR = re.compile(
    r"(?:FileNotFoundError: \[Errno 2\] No such file or directory: '(?P<program>[^/\\']+)'"
    r"|ModuleNotFoundError|ImportError|NoSuchKernel|No such kernel)")


def environment_problem(result: Mapping[str, object]) -> str | None:
    """What is wrong with the Python environment when a failed nbgrader call says so
    (a program or module missing, no Jupyter kernel), with the fix; else ``None``."""
    _, exceptions = condense_log(str(result.get("log") or ""))
    for line in exceptions + [_error_summary(result)]:
        match = ENVIRONMENT_ERROR.search(line)
        if not match:
            continue
        program = match.group("program")
        found = (f"the program {program!r} is not on PATH" if program
                 else line.rsplit(".", 1)[-1] if line.startswith("nbgrader") else line)
        return (f"this is a problem with the Python environment, not with the notebooks: {found}. "
                f"Install the course into the Python that runs this command "
                f"({sys.executable} -m pip install -r requirements.txt), or run it with the "
                f"environment's own python")
    return None
