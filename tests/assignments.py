"""Where the assignments are, and what their source notebooks hold, for the tests."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograde.notebooks import nbgrader_meta, top_level_names

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
RELEASE = ROOT / "release"
CATALOGUE = Path(__file__).resolve().parent / "catalogue"

#: Every assignment with a source notebook, in name order (ps01, ps02, ...).
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if (p / f"{p.name}.ipynb").exists())


def source_path(assignment: str) -> Path:
    return SOURCE / assignment / f"{assignment}.ipynb"


def read_source(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(source_path(assignment), as_version=4)


@dataclass
class Exercise:
    """An autograded answer cell and the test cells that follow it up to the next answer cell."""

    grade_id: str
    names: list[str]
    source: str
    tests: list[tuple[str, str]]  # (grade_id, source)


def defined_names(code: str) -> list[str]:
    """What an answer (cell or catalogue entry) defines: its top-level ``def`` and ``class``
    names, or, when it has none, the names its top-level assignments bind (an answer cell
    that only sets answer variables, such as ``shape_s1p1 = (5, 5)``)."""
    names = top_level_names(code)
    if names:
        return names
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    targets = [t for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
               for t in (node.targets if isinstance(node, ast.Assign) else [node.target])]
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


def exercises(nb: nbformat.NotebookNode) -> list[Exercise]:
    found: list[Exercise] = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code":
            continue
        if meta.get("solution"):
            found.append(Exercise(meta["grade_id"], defined_names(cell.source), cell.source, []))
        elif meta.get("grade") and found:
            found[-1].tests.append((meta["grade_id"], cell.source))
    return found


def exercise_defining(nb: nbformat.NotebookNode, name: str) -> Exercise:
    for exercise in exercises(nb):
        if name in exercise.names:
            return exercise
    raise KeyError(f"no answer cell defines {name!r}")
