"""Build nbgrader source notebooks from readable percent-format scripts.

A notebook's JSON is hard to review and to edit by hand; ``authoring/psNN_topic.py``
holds the same cells as plain text, and this script writes
``source/psNN_topic/psNN_topic.ipynb`` from it with real nbgrader metadata.
A test checks that every committed source notebook equals its build.

Cell headers (one line each; everything up to the next header is the cell):

    # %% [markdown]                              markdown (each line's leading "# " is removed)
    # %% [markdown] manual id=ID points=N        manually graded written answer
    # %%                                         plain code
    # %% answer id=ID                            autograded answer cell (solution)
    # %% test id=ID points=N                     locked autograded test cell

Cell ids: a graded cell's id is its grade id; a plain cell's comes from its content
(the name it defines, else its first line), with a short hash of the content added
only when two cells would share one. Inserting a cell renumbers nothing.

Usage::

    python authoring/build.py                    # every authoring/ps*.py
    python authoring/build.py ps01_convolution   # one
    python authoring/build.py --check            # fail if a source notebook is stale
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
HEADER = re.compile(r"^# %%(.*)$", re.M)


def _nbgrader(kind: str, grade_id: str, points: float | None) -> dict:
    """Cell metadata as nbgrader's Create Assignment toolbar writes it."""
    meta = {"grade": kind != "answer", "grade_id": grade_id, "locked": kind == "test",
            "schema_version": 3, "solution": kind != "test", "task": False}
    if kind != "answer":
        meta["points"] = points
    return {key: meta[key] for key in sorted(meta)}


def _markdown(body: str) -> str:
    return "\n".join(line[2:] if line.startswith("# ") else line[1:] if line.startswith("#") else line
                     for line in body.splitlines())


class AuthoringError(ValueError):
    """A problem in an authoring script; the message starts with ``file:line:``."""


def _slug(text: str, limit: int = 40) -> str:
    """A cell id made of the first meaningful line of ``text``: lower case, words joined by '-'."""
    for line in text.splitlines():
        words = re.findall(r"[a-z0-9]+", line.lower())
        if words:
            slug = ""
            for word in words:
                if slug and len(slug) + 1 + len(word) > limit:
                    break
                slug = f"{slug}-{word}" if slug else word[:limit]
            return slug
    return "empty"


def _plain_cell_id(cell: nbformat.NotebookNode) -> str:
    """The id of a cell without a grade id: from its content, so that inserting a cell
    elsewhere renumbers nothing. Code cells are named by what they define or their first line."""
    source = cell.source
    if cell.cell_type == "code":
        names = re.findall(r"^(?:def|class)\s+(\w+)", source, re.M)
        if names:
            return _slug(names[0])
    return ("md-" if cell.cell_type == "markdown" else "code-") + _slug(source)


def _unique_ids(cells: list[nbformat.NotebookNode], graded: list[bool]) -> None:
    """Make plain cells' ids unique without looking at positions: a plain id that
    collides with another gets a short hash of its cell's content (and, for two cells
    with the very same content, a counter)."""
    counts: dict[str, int] = {}
    for cell in cells:
        counts[cell.id] = counts.get(cell.id, 0) + 1
    seen: set[str] = {cell.id for cell, fixed in zip(cells, graded) if fixed}
    for cell, fixed in zip(cells, graded):
        if fixed:
            continue
        if counts[cell.id] > 1 or cell.id in seen:
            digest = hashlib.sha1(cell.source.encode()).hexdigest()[:6]
            base, n = f"{cell.id[:50]}-{digest}", 1
            cell.id = base
            while cell.id in seen:
                n += 1
                cell.id = f"{base}-{n}"
        seen.add(cell.id)


def notebook_from_script(text: str, path: str = "<script>") -> nbformat.NotebookNode:
    """The nbgrader source notebook that ``text`` (percent format) describes.

    Raises :class:`AuthoringError` with ``path:line:`` for a bad header, a missing or
    duplicate grade id, or a notebook that fails nbformat's schema.
    """
    headers = list(HEADER.finditer(text))
    if not headers:
        raise AuthoringError(f"{path}:1: no '# %%' cell header")
    cells, graded = [], []
    grade_ids: dict[str, int] = {}
    for i, match in enumerate(headers):
        line = text.count("\n", 0, match.start()) + 1
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        header, body = match.group(1).strip(), text[match.end():end].strip("\n")
        options = dict(re.findall(r"(\w+)=(\S+)", header))
        grade_id = options.get("id")
        try:
            points = float(options["points"]) if "points" in options else None
        except ValueError:
            raise AuthoringError(f"{path}:{line}: points={options['points']} is not a number") from None
        if points is not None and points.is_integer():
            points = int(points)
        if header.startswith("[markdown]"):
            cell = nbformat.v4.new_markdown_cell(_markdown(body))
            if "manual" in header.split():
                cell.metadata["nbgrader"] = _nbgrader("manual", grade_id, points)
        else:
            cell = nbformat.v4.new_code_cell(body)
            kind = header.split()[0] if header else ""
            if kind in ("answer", "test"):
                cell.metadata["nbgrader"] = _nbgrader(kind, grade_id, points)
            elif kind:
                raise AuthoringError(f"{path}:{line}: unknown cell header '# %% {header}' "
                                     "(see the list at the top of authoring/build.py)")
        if (grade_id is None) != ("nbgrader" not in cell.metadata):
            raise AuthoringError(f"{path}:{line}: '# %% {header}': graded and answer cells need id=..., "
                                 "plain cells none")
        if "nbgrader" in cell.metadata and cell.metadata["nbgrader"]["grade"] and points is None:
            raise AuthoringError(f"{path}:{line}: '# %% {header}' needs points=N")
        if grade_id is not None:
            if grade_id in grade_ids:
                raise AuthoringError(f"{path}:{line}: id={grade_id} is already used at line {grade_ids[grade_id]}")
            grade_ids[grade_id] = line
        cell.id = grade_id.replace("_", "-") if grade_id else _plain_cell_id(cell)
        cells.append(cell)
        graded.append(grade_id is not None)
    _unique_ids(cells, graded)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        raise AuthoringError(f"{path}:1: the notebook fails nbformat's schema: "
                             f"{str(exc.message).splitlines()[0]}") from None
    return nb


def build(name: str, check: bool = False) -> bool:
    """Write (or with ``check``, compare) source/NAME/NAME.ipynb; return True when it was up to date."""
    script = ROOT / "authoring" / f"{name}.py"
    target = ROOT / "source" / name / f"{name}.ipynb"
    wanted = nbformat.writes(notebook_from_script(script.read_text(encoding="utf-8"),
                                                  str(script.relative_to(ROOT)))) + "\n"
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if check:
        return current == wanted
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(wanted, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return current == wanted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="assignments to build (default: every authoring/ps*.py)")
    parser.add_argument("--check", action="store_true", help="only report source notebooks that differ")
    args = parser.parse_args(argv)
    names = args.names or sorted(p.stem for p in (ROOT / "authoring").glob("ps*.py"))
    missing = [name for name in names if not (ROOT / "authoring" / f"{name}.py").is_file()]
    if missing:
        print(f"error: no authoring/{missing[0]}.py (scripts here: "
              f"{', '.join(sorted(p.stem for p in (ROOT / 'authoring').glob('ps*.py')))})", file=sys.stderr)
        return 2
    try:
        stale = [name for name in names if not build(name, check=args.check)]
    except AuthoringError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run: python authoring/build.py {' '.join(stale)}", file=sys.stderr)
        return 1
    if not args.check:
        print("now run: python -m autograde build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
