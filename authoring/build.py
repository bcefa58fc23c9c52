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

Usage::

    python authoring/build.py                    # every authoring/ps*.py
    python authoring/build.py ps01_convolution   # one
    python authoring/build.py --check            # fail if a source notebook is stale
"""

from __future__ import annotations

import argparse
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


def notebook_from_script(text: str) -> nbformat.NotebookNode:
    """The nbgrader source notebook that ``text`` (percent format) describes."""
    parts = HEADER.split(text)
    cells = []
    for header, body in zip(parts[1::2], parts[2::2]):
        header, body = header.strip(), body.strip("\n")
        options = dict(re.findall(r"(\w+)=(\S+)", header))
        grade_id = options.get("id")
        points = float(options["points"]) if "points" in options else None
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
                raise ValueError(f"unknown cell header '# %% {header}'")
        if (grade_id is None) != ("nbgrader" not in cell.metadata):
            raise ValueError(f"'# %% {header}': graded and answer cells need id=..., plain cells none")
        cell.id = (grade_id or f"cell-{len(cells):02d}").replace("_", "-")
        cells.append(cell)
    ids = [cell.id for cell in cells]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate cell ids: {duplicates}")
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def build(name: str, check: bool = False) -> bool:
    """Write (or with ``check``, compare) source/NAME/NAME.ipynb; return True when it was up to date."""
    script = ROOT / "authoring" / f"{name}.py"
    target = ROOT / "source" / name / f"{name}.ipynb"
    wanted = nbformat.writes(notebook_from_script(script.read_text(encoding="utf-8"))) + "\n"
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
    stale = [name for name in names if not build(name, check=args.check)]
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run: python authoring/build.py {' '.join(stale)}", file=sys.stderr)
        return 1
    if not args.check:
        print("now run: python -m autograde build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
