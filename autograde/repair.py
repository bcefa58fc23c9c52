"""Put back the nbgrader metadata and test cells a hand-in lost, from the release notebook.

nbgrader finds a hand-in's graded cells by their ``metadata.nbgrader``. A student who
copies cells into a new notebook, edits the metadata, turns a cell into Markdown,
deletes or duplicates a test cell, or saves with a tool that strips metadata, makes
nbgrader score answers that work 0, or (a wrong ``schema_version``) makes it abort
(``SchemaTooOldError`` / ``SchemaTooNewError``) instead of grading.

:func:`repair` matches each graded cell of the release to the hand-in's cells, by
``grade_id``, then by the Jupyter cell id (kept when a cell is edited), then, for
locked cells, by their source; restores the release's metadata and cell type where
they differ; takes the metadata off duplicates of a graded cell; and puts back a
deleted test cell after the cell that preceded it. nbgrader's ``OverwriteCells`` then
restores every locked cell's source, hidden tests included, from the gradebook, as it
always does. A deleted *answer* cell is not put back: its stub would undo an answer
the student wrote elsewhere; the tests that need it fail, as they should.

Only metadata and deleted test cells are restored: nothing the student wrote changes.
"""

from __future__ import annotations

import copy

from nbformat.notebooknode import NotebookNode

from .notebooks import is_test_cell, nbgrader_meta

__all__ = ["repair"]

#: The fields of ``metadata.nbgrader`` that decide how a cell is graded.
GRADING_FIELDS = ("grade", "solution", "locked", "task", "points", "grade_id", "schema_version")


def _graded(cell: NotebookNode) -> bool:
    """Whether a release cell carries nbgrader metadata with a grade id."""
    return bool(nbgrader_meta(cell).get("grade_id"))


def _differs(cell: NotebookNode, reference: NotebookNode) -> bool:
    """Whether ``cell`` lacks the grading metadata or the cell type of ``reference``."""
    mine, theirs = nbgrader_meta(cell), nbgrader_meta(reference)
    return (cell.cell_type != reference.cell_type
            or any(mine.get(k) != theirs.get(k) for k in GRADING_FIELDS if k in theirs or k in mine))


def _restore(cell: NotebookNode, reference: NotebookNode) -> None:
    """Give ``cell`` the release cell's nbgrader metadata and cell type (its source stays)."""
    cell.metadata["nbgrader"] = copy.deepcopy(reference.metadata["nbgrader"])
    if cell.cell_type != reference.cell_type:
        cell.cell_type = reference.cell_type
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)


def _summary(fixes: list[tuple[str, str]]) -> list[str]:
    """``["restored the nbgrader metadata of a, b", ...]``: one phrase per kind of fix."""
    by_kind: dict[str, list[str]] = {}
    for kind, name in fixes:
        by_kind.setdefault(kind, []).append(name)
    return [f"{kind} {', '.join(names)}" if len(names) < 6 else f"{kind} {len(names)} cells ({names[0]}, ...)"
            for kind, names in by_kind.items()]


def repair(nb: NotebookNode, release: NotebookNode) -> list[str]:
    """Restore ``nb``'s graded cells from ``release`` in place; return what was done
    (one phrase per kind of fix; ``[]`` when the hand-in was intact)."""
    fixes: list[tuple[str, str]] = []
    wanted = [cell for cell in release.cells if _graded(cell)]
    by_grade_id = {nbgrader_meta(c)["grade_id"]: c for c in wanted}
    by_cell_id = {c.get("id"): c for c in wanted if c.get("id")}
    by_source = {c.source: c for c in wanted if nbgrader_meta(c).get("locked") and c.source.strip()}

    matched: dict[str, int] = {}  # grade_id -> index of the hand-in cell that holds it
    for index, cell in enumerate(nb.cells):
        grade_id = nbgrader_meta(cell).get("grade_id")
        reference = by_grade_id.get(grade_id)
        if reference is None:
            reference = by_cell_id.get(cell.get("id")) or by_source.get(cell.source)
        if reference is None:
            if "nbgrader" in cell.get("metadata", {}) and grade_id:
                fixes.append(("took the metadata off cells with unknown grade ids:", repr(grade_id)))
                del cell.metadata["nbgrader"]
            continue
        name = nbgrader_meta(reference)["grade_id"]
        if name in matched:
            if "nbgrader" in cell.get("metadata", {}):
                del cell.metadata["nbgrader"]
                fixes.append(("graded as plain cells the second copies of", name))
            continue
        matched[name] = index
        if _differs(cell, reference):
            _restore(cell, reference)
            fixes.append(("restored the nbgrader metadata of", name))

    # Put deleted test cells back after the hand-in's copy of the release cell before them.
    for position, reference in enumerate(wanted):
        name = nbgrader_meta(reference)["grade_id"]
        if name in matched or not is_test_cell(reference):
            continue
        earlier = [matched[nbgrader_meta(c)["grade_id"]] for c in wanted[:position]
                   if nbgrader_meta(c)["grade_id"] in matched]
        at = max(earlier) + 1 if earlier else 0
        restored = copy.deepcopy(reference)
        if restored.cell_type == "code":
            restored.outputs, restored.execution_count = [], None
        nb.cells.insert(at, restored)
        matched = {k: (v + 1 if v >= at else v) for k, v in matched.items()}
        matched[name] = at
        fixes.append(("put back the deleted test cell", name))
    return _summary(fixes)
