"""Feedback that shows students their results but never the hidden tests.

nbgrader's ``generate_feedback`` renders the autograded notebook as it ran, so its
HTML holds every hidden test's source and, in tracebacks, the lines around a failed
check (nbgrader issues #917 and #1363). :class:`HideHiddenTests` is an nbconvert
preprocessor for ``GenerateFeedback.preprocessors``: in each test cell with a
hidden part it keeps the visible checks, replaces the hidden lines with one comment,
shortens every error to ``Name: message`` (the course's checks put what was called,
what was expected and what came back in the message), says whether the failure
came from a visible or a hidden check, and adds one line that says how the cell did.

:func:`hidden_region_lines` and :func:`hidden_test_lines` find the hidden lines;
the tests use them to scan every feedback file for a leak.
"""

from __future__ import annotations

import re
from typing import Iterable

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from nbformat.v4 import new_output
from traitlets import Bool

__all__ = ["BEGIN_HIDDEN", "END_HIDDEN", "HIDDEN_NOTE", "FeedbackExporter", "HideHiddenTests", "feedback_preprocessors",
           "hidden_region_lines", "hidden_test_lines", "lines_only_in_regions", "region_lines"]

BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
#: What stands in the feedback where a cell's hidden tests were.
HIDDEN_NOTE = "# ... hidden tests: not shown (their result is below this cell)"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Where IPython's traceback says the test cell failed: "Cell In[12], line 34"
#: (IPython 8+), or "----> 34" under an "<ipython-input-...>" frame (older IPython).
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)|<ipython-input-[^>]*>.*?\n-+> *(\d+)", re.S)


def region_lines(source: str, begin: str = BEGIN_HIDDEN, end: str = END_HIDDEN) -> set[int]:
    """1-based numbers of the lines of ``source`` from a ``begin`` marker to the next
    ``end`` marker, markers included (nbgrader matches a marker anywhere in a line)."""
    lines, inside = set(), False
    for number, line in enumerate(source.split("\n"), 1):
        if begin in line:
            inside = True
        if inside:
            lines.add(number)
        if end in line:
            inside = False
    return lines


def hidden_region_lines(source: str) -> set[int]:
    """1-based numbers of the lines of ``source`` inside hidden-test regions, markers included."""
    return region_lines(source, BEGIN_HIDDEN, END_HIDDEN)


def lines_only_in_regions(cells: Iterable[NotebookNode], markers: Iterable[tuple[str, str]],
                          min_length: int = 1) -> set[str]:
    """The stripped lines, at least ``min_length`` long, that ``cells`` hold only inside
    regions delimited by the ``(begin, end)`` ``markers``: a line also shown outside them
    (a blank line, a lone ``)``, a visible check repeated in a hidden part) is left out,
    and so are the marker lines."""
    markers = list(markers)
    inside, shown = set(), set()
    for cell in cells:
        region = set().union(*(region_lines(cell.source, begin, end) for begin, end in markers))
        for number, line in enumerate(cell.source.split("\n"), 1):
            (inside if number in region else shown).add(line.strip())
    names = [marker for pair in markers for marker in pair]
    return {line for line in inside - shown
            if len(line) >= min_length and not any(name in line for name in names)}


def hidden_test_lines(cells: Iterable[NotebookNode], min_length: int = 1) -> set[str]:
    """The stripped lines that only hidden tests hold (see :func:`lines_only_in_regions`)."""
    return lines_only_in_regions(cells, [(BEGIN_HIDDEN, END_HIDDEN)], min_length)


def _failed_line(traceback: list[str]) -> int | None:
    """The line of the test cell at which its error was raised, from IPython's traceback."""
    match = _CELL_LINE.search(_ANSI.sub("", "\n".join(traceback)))
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _without(text: str, secret: set[str]) -> str:
    """``text`` without the lines that are hidden-test source (a warning quotes the line it came from)."""
    return "".join(line for line in text.splitlines(keepends=True) if line.strip() not in secret)


class HideHiddenTests(Preprocessor):
    """Keep each test cell's visible checks and its result; hide its hidden tests.

    Put it after nbgrader's ``GetGrades`` in ``GenerateFeedback.preprocessors``.
    Cells without a hidden region are left as they are.
    """

    enabled = Bool(True, help="nbconvert runs only enabled preprocessors").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        secret = hidden_test_lines(nb.cells)
        for cell in nb.cells:
            if cell.cell_type == "code" and BEGIN_HIDDEN in cell.source:
                self._hide(cell, secret)
        return nb, resources

    @staticmethod
    def _hide(cell: NotebookNode, secret: set[str]) -> None:
        region = hidden_region_lines(cell.source)
        lines = cell.source.split("\n")
        visible = [line for number, line in enumerate(lines, 1) if number not in region]
        first_hidden = min(region)
        indent = re.match(r"\s*", lines[first_hidden - 1]).group(0)
        visible.insert(sum(1 for n in range(1, first_hidden) if n not in region), indent + HIDDEN_NOTE)
        cell.source = "\n".join(visible)

        outputs, verdict = [], "visible and hidden checks passed"
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                line = _failed_line(output.get("traceback", []))
                where = ("a hidden check" if line in region else "a visible check" if line else "a check")
                evalue = _without(str(output.evalue), secret).strip()
                message = f"{output.ename}: {evalue}" if evalue else output.ename
                verdict = f"{where} failed: {message}"
                output.traceback = [message]
            elif output.output_type == "stream":
                output.text = _without(output.text, secret)
                if output.name == "stderr" and output.text.strip():
                    verdict = "this cell wrote to stderr, which nbgrader scores 0 (see above)"
                if not output.text:
                    continue
            elif "data" in output and "text/plain" in output.data:
                output.data["text/plain"] = _without(str(output.data["text/plain"]), secret)
            outputs.append(output)
        mark = "\u2714" if verdict.startswith("visible and hidden") else "\u2718"
        outputs.append(new_output("stream", name="stdout", text=f"{mark} {verdict}\n"))
        cell.outputs = outputs


def feedback_preprocessors() -> list[type]:
    """``GenerateFeedback.preprocessors`` for this course: nbgrader's own, then :class:`HideHiddenTests`."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades

    return [GetGrades, CSSHTMLHeaderPreprocessor, HideHiddenTests]


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in this process's memory by template file.

    Jinja checks each entry against its template's source (``bucket.checksum``) before
    using it, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTML exporter, compiling its Jinja templates once per process.

    nbgrader's ``generate_feedback`` makes a new exporter, hence a new Jinja environment,
    for every hand-in, and compiling nbgrader's feedback template with nbconvert's base
    templates took a quarter of a second of each hand-in's grading (measured: 0.25 of
    0.35-1.0 s per feedback file). The rendered HTML is the same.
    ``GenerateFeedback.exporter_class`` in ``nbgrader_config.py`` names it.
    """

    def _create_environment(self):  # noqa: ANN202 -- nbconvert's own signature
        environment = super()._create_environment()
        environment.bytecode_cache = _COMPILED_TEMPLATES
        return environment
