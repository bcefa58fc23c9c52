"""Find what students must never see in files that reach them.

Every file nbgrader publishes (``release/``) or writes for students (feedback HTML)
is read as text: a notebook as its cells' sources and outputs, an HTML page as the
text a browser shows, anything else as it is (binary files too, decoded loosely, so
a secret planted in a data file is still found). In that text :func:`find_leaks`
looks for

* the lines of a source notebook that only its solutions or hidden tests hold
  (:func:`secret_lines`), matched as whole lines, and
* private values (a puzzle's answer, a seed), matched anywhere: the ones listed,
  one per line, in ``instructor/<assignment>/private_values.txt``
  (:func:`private_values`).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from nbformat import NotebookNode

from .feedback import BEGIN_HIDDEN, END_HIDDEN, lines_only_in_regions

__all__ = ["INSTRUCTOR_DIR", "PRIVATE_VALUES", "Leak", "find_leaks", "private_values", "readable_text",
           "secret_lines"]

#: The folder of instructor-only files, beside ``source/`` (never published by nbgrader).
INSTRUCTOR_DIR = "instructor"
#: In ``instructor/<assignment>/``: values that must never reach a student, one per line.
PRIVATE_VALUES = "private_values.txt"

BEGIN_SOLUTION, END_SOLUTION = "BEGIN SOLUTION", "END SOLUTION"
MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)


@dataclass(frozen=True)
class Leak:
    """A secret found in a file: ``what`` is the line or value, ``kind`` says which."""

    path: Path
    kind: str  # "marker", "solution or hidden test", "private value"
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.kind}: {self.what}"


def secret_lines(source_nb: NotebookNode, min_length: int = 20) -> set[str]:
    """Stripped lines, at least ``min_length`` long, that the source notebook holds only
    inside solution or hidden-test regions (a line also shown outside them, such as a
    signature or a visible check repeated, is no secret)."""
    return lines_only_in_regions(source_nb.cells, [(BEGIN_SOLUTION, END_SOLUTION), (BEGIN_HIDDEN, END_HIDDEN)],
                                 min_length)


def private_values(course_root: Path, assignment: str) -> list[str]:
    """The values listed in ``instructor/<assignment>/private_values.txt`` (blank lines
    and ``#`` comments skipped); [] when there is no such file."""
    path = Path(course_root) / INSTRUCTOR_DIR / assignment / PRIVATE_VALUES
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _notebook_text(data: dict) -> str:
    """Sources and text outputs of a notebook's cells, one after the other."""
    parts = []
    for cell in data.get("cells", []):
        source = cell.get("source", "")
        parts.append("".join(source) if isinstance(source, list) else str(source))
        for output in cell.get("outputs", []):
            for value in [output.get("text", "")] + list((output.get("data") or {}).values()):
                parts.append("".join(value) if isinstance(value, list) else str(value))
            parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def readable_text(path: Path) -> str:
    """What a person (or a script) can read out of ``path``: see the module docstring."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
    if path.suffix == ".ipynb":
        try:
            return _notebook_text(json.loads(text))
        except (ValueError, AttributeError):
            return text
    if path.suffix in (".html", ".htm"):
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S | re.I)
        return html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def find_leaks(files: Iterable[Path], lines: Iterable[str] = (), values: Iterable[str] = (),
               markers: bool = True) -> list[Leak]:
    """The secrets found in ``files``: whole ``lines`` (compared stripped), ``values``
    anywhere, and (with ``markers``) nbgrader's solution and hidden-test markers."""
    lines, values = set(lines), [v for v in values if v]
    leaks = []
    for path in sorted(files):
        text = readable_text(path)
        if markers:
            leaks += [Leak(path, "marker", m) for m in MARKERS if m in text]
        found = {line.strip() for line in text.splitlines()} & lines
        leaks += [Leak(path, "solution or hidden test", line) for line in sorted(found)]
        leaks += [Leak(path, "private value", value) for value in values if value in text]
    return leaks
