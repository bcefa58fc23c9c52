"""Collect the hand-ins to grade: from a folder, from an LMS download (zip), or from
nbgrader's own ``submitted/`` folder.

Accepted inputs, each read only, never changed:

* a folder of ``<student>/<assignment>/*.ipynb`` (nbgrader's ``submitted/`` layout, an
  optional ``timestamp.txt`` beside the notebook) or of ``<student>.ipynb``;
* an archive (``.zip``, ``.tar.gz``) downloaded from an LMS, read with nbgrader's own
  ``zip_collect`` plugins: :class:`~nbgrader.plugins.ExtractorPlugin` unpacks it and
  :class:`~nbgrader.plugins.FileNameCollectorPlugin` reads the student id, the file and
  an optional submission time from each file's path with a regular expression
  (``c.FileNameCollectorPlugin.named_regexp`` in ``nbgrader_config.py``, or
  ``--pattern``). An archive whose files already follow one of the folder layouts needs
  no pattern.

Every notebook is read and validated with nbformat; a hand-in that cannot be graded
becomes a :class:`Submission` with a ``problem`` and the others are unaffected.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import nbformat
from nbgrader.plugins import ExtractorPlugin, FileNameCollectorPlugin
from nbgrader.utils import parse_utc

from .course import CourseError

__all__ = ["Submission", "collect_submissions", "collect_archive", "is_archive", "notebook_problem",
           "SAFE_STUDENT_ID", "ARCHIVE_SUFFIXES"]

Warn = Callable[[str], None]

#: Student ids become folder names and gradebook keys: keep them plain.
SAFE_STUDENT_ID = re.compile(r"[A-Za-z0-9_.-]+")
#: Entries of a submissions folder that are never submissions.
IGNORED_ENTRIES = {"__MACOSX", ".ipynb_checkpoints", "Thumbs.db"}
#: File names read as archives (as nbgrader's ExtractorPlugin.zip_ext, plus .tgz).
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz", ".gz")


@dataclass(frozen=True)
class Submission:
    """One student's hand-in.

    ``notebook`` is the file to grade (``None`` when there is nothing to grade);
    ``problem`` says why it cannot be graded and ``kind`` names the case in one word
    (``missing``: no notebook or several; ``invalid``: not a notebook; ``bad_id``: the
    student id is unusable); ``note`` records a fix made on the way (a renamed
    notebook); ``timestamp`` is when it was handed in (ISO text, as nbgrader's
    ``timestamp.txt`` holds it), ``None`` when unknown.
    """

    student: str
    notebook: Path | None
    problem: str | None = None
    note: str | None = None
    timestamp: str | None = None
    kind: str = ""


def is_archive(path: Path) -> bool:
    """Whether ``path`` names an archive file (by its suffix)."""
    return path.is_file() and path.name.lower().endswith(ARCHIVE_SUFFIXES)


def _is_ignored(path: Path) -> bool:
    """Hidden files, checkpoints and archive clutter."""
    return path.name.startswith(".") or path.name in IGNORED_ENTRIES


def notebook_problem(path: Path) -> str | None:
    """Why ``path`` is not a valid notebook, or ``None`` when it is one."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about missing cell ids etc.
            nb = nbformat.read(path, as_version=4)
            nbformat.validate(nb)
    except nbformat.reader.NotJSONError:
        return "not JSON"
    except nbformat.ValidationError as exc:
        return f"fails the notebook schema: {str(exc.message).splitlines()[0][:100]}"
    except UnicodeDecodeError:
        return "not UTF-8 text"
    except Exception as exc:  # nbformat raises many kinds for things that are not notebooks
        text = str(exc).splitlines()[0][:100] if str(exc) else ""
        return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return None


#: ``2026-11-30-23-59-00``, as Blackboard writes times into file names (dateutil misreads it).
_DASHED_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[-_ T](\d{2})-(\d{2})-(\d{2})")


def parse_time(text: str) -> str:
    """``text`` (any time nbgrader's ``parse_utc`` reads, or a dashed one) as ISO text in UTC;
    raises ``ValueError`` when it is not a time."""
    dashed = _DASHED_TIME.fullmatch(text.strip())
    if dashed:
        day, hours, minutes, seconds = dashed.groups()
        text = f"{day} {hours}:{minutes}:{seconds}"
    try:
        return parse_utc(text).isoformat(sep=" ")
    except OverflowError as exc:
        raise ValueError(str(exc)) from None


def _read_timestamp(folder: Path) -> tuple[str | None, str | None]:
    """``(timestamp, problem)`` from ``folder/timestamp.txt`` (both ``None`` when absent)."""
    path = folder / "timestamp.txt"
    if not path.is_file():
        return None, None
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    try:
        return parse_time(text), None
    except ValueError:
        return None, f"{path} holds {text[:40]!r}, not a time: graded as on time"


def _pick_notebook(student: str, folder: Path, assignment: str) -> Submission:
    """The notebook to grade in ``folder`` (``SUBMISSIONS/<student>/<assignment>/``)."""
    target = f"{assignment}.ipynb"
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not _is_ignored(p))
    timestamp, problem = _read_timestamp(folder)
    if (folder / target).is_file():
        return Submission(student, folder / target, note=problem, timestamp=timestamp)
    if len(notebooks) == 1:
        note = f"renamed {notebooks[0].name!r} to {target}"
        return Submission(student, notebooks[0], note="; ".join(filter(None, [note, problem])),
                          timestamp=timestamp)
    found = ", ".join(repr(p.name) for p in notebooks) or "none"
    return Submission(student, None, kind="missing", problem=(
        f"expected one notebook named {target} in {folder}, found {found}: "
        f"keep the one to grade as {folder / target}"))


def collect_submissions(source: Path | str, assignment: str, warn: Warn = print,
                        pattern: str | None = None) -> list[Submission]:
    """Find each student's notebook in ``source`` (a folder or an archive), sorted by student id.

    Folder layouts: ``<student>/<assignment>/*.ipynb`` and ``<student>.ipynb``. A lone
    notebook under another name (``ps01_convolution (1).ipynb``) is graded as
    ``<assignment>.ipynb`` and noted. An archive is read by :func:`collect_archive`
    (``pattern`` is its file-name regular expression). ``source`` is only read.
    """
    source = Path(source)
    if is_archive(source):
        return collect_archive(source, assignment, pattern=pattern, warn=warn)
    if source.is_file():
        raise CourseError(f"{source} is neither a folder nor an archive ({', '.join(ARCHIVE_SUFFIXES)}): "
                          f"pass the folder of hand-ins, or the LMS download as it came")
    if not source.is_dir():
        raise CourseError(f"submissions folder {source} does not exist (expected "
                          f"{source}/<student>/{assignment}/{assignment}.ipynb or {source}/<student>.ipynb)")
    found: dict[str, list[Submission]] = {}
    for entry in sorted(source.iterdir()):
        if _is_ignored(entry):
            continue
        if entry.is_dir():
            student = entry.name
            sub_folder = entry / assignment
            sub = (_pick_notebook(student, sub_folder, assignment) if sub_folder.is_dir() else
                   Submission(student, None, kind="missing", problem=f"no folder {sub_folder} (expected "
                              f"{sub_folder / (assignment + '.ipynb')})"))
        elif entry.suffix == ".ipynb":
            student = entry.stem
            sub = Submission(student, entry)
        else:
            warn(f"ignored {entry} (neither a <student>/ folder nor a <student>.ipynb notebook)")
            continue
        found.setdefault(student, []).append(sub)
    if not found:
        raise CourseError(f"no submissions in {source} (expected {source}/<student>/{assignment}/"
                          f"{assignment}.ipynb or {source}/<student>.ipynb)")
    return [_check(student, subs) for student, subs in sorted(found.items())]


def _check(student: str, subs: list[Submission]) -> Submission:
    """One valid submission for ``student``, or one that says what is wrong."""
    if not SAFE_STUDENT_ID.fullmatch(student) or student in {".", ".."}:
        return Submission(student, None, kind="bad_id", problem=(
            f"{student!r} is not a usable student id (letters, digits, '_', '-' and '.' only): "
            f"rename it, e.g. {re.sub(r'[^A-Za-z0-9_.-]+', '_', student).strip('_.') or 'student1'}"))
    if len(subs) > 1:
        return Submission(student, None, kind="missing", problem=(
            f"both a folder {student}/ and a notebook {student}.ipynb: keep one of them"))
    sub = subs[0]
    if sub.notebook is None:
        return sub
    problem = notebook_problem(sub.notebook)
    if problem:
        return Submission(student, None, note=sub.note, kind="invalid", problem=(
            f"{sub.notebook.name} is not a valid notebook ({problem}): "
            "ask the student to re-download the release and resubmit"))
    return sub


# ------------------------------------------------------------------------ archives

#: Where archives are unpacked for the duration of a run (removed at exit).
_UNPACKED: list[tempfile.TemporaryDirectory] = []


def _unpack(archive: Path) -> Path:
    """Unpack ``archive`` with nbgrader's ExtractorPlugin into a temporary folder."""
    holder = tempfile.TemporaryDirectory(prefix="autograde-archive-")
    _UNPACKED.append(holder)
    root = Path(holder.name)
    (root / "archive").mkdir()
    (root / "extracted").mkdir()
    shutil.copyfile(archive, root / "archive" / archive.name)
    plugin = ExtractorPlugin(zip_ext=[".zip", ".gz", ".tgz"])
    try:
        plugin.extract(str(root / "archive"), str(root / "extracted"))
    except Exception as exc:  # zipfile.BadZipFile, tarfile.ReadError, ...
        raise CourseError(f"{archive} could not be unpacked ({type(exc).__name__}: {exc}): "
                          "download it again from the LMS") from None
    return root / "extracted"


def collect_archive(archive: Path | str, assignment: str, pattern: str | None = None,
                    warn: Warn = print) -> list[Submission]:
    """The hand-ins in an LMS download, one per student, sorted by student id.

    With ``pattern`` (nbgrader's ``FileNameCollectorPlugin.named_regexp``: groups
    ``student_id`` and ``file_id``, optionally ``timestamp``, matched against each
    unpacked file's path), each ``.ipynb`` file it matches is a student's hand-in, as
    ``nbgrader zip_collect`` reads it; where one student has several, the newest
    timestamp wins. Without a pattern the archive must hold one of the folder layouts
    of :func:`collect_submissions` (possibly inside one top folder).
    """
    archive = Path(archive)
    extracted = _unpack(archive)
    if not pattern:
        top = [p for p in extracted.iterdir() if not _is_ignored(p)]
        # ExtractorPlugin unpacks into a folder named after the archive; an archive of a
        # single folder (the hand-ins folder zipped) has one more level.
        while len(top) == 1 and top[0].is_dir() and not (top[0] / assignment).is_dir():
            extracted = top[0]
            top = [p for p in extracted.iterdir() if not _is_ignored(p)]
        return collect_submissions(extracted, assignment, warn=warn)
    try:
        re.compile(pattern)
    except re.error as exc:
        raise CourseError(f"--pattern {pattern!r} is not a regular expression: {exc}") from None
    missing = {"student_id", "file_id"} - set(re.compile(pattern).groupindex)
    if missing:
        raise CourseError(f"--pattern needs the named groups {', '.join(sorted(missing))}, "
                          f"e.g. (?P<student_id>...)")
    collector = FileNameCollectorPlugin(named_regexp=pattern)
    chosen: dict[str, list[Submission]] = {}
    for path in sorted(p for p in extracted.rglob("*") if p.is_file() and not _is_ignored(p)):
        if path.suffix != ".ipynb" or any(part in IGNORED_ENTRIES for part in path.parts):
            continue
        info = collector.collect(str(path))
        if not info:
            warn(f"ignored {path.relative_to(extracted)}: the pattern does not match it")
            continue
        student, timestamp = info["student_id"], info.get("timestamp")
        note = None
        if timestamp:
            try:
                timestamp = parse_time(timestamp)
            except ValueError:
                note, timestamp = f"{timestamp!r} in the file name is not a time: graded as on time", None
        target = f"{assignment}.ipynb"
        if Path(info["file_id"]).stem != assignment:
            note = "; ".join(filter(None, [f"renamed {path.name!r} to {target}", note]))
        chosen.setdefault(student, []).append(Submission(student, path, note=note, timestamp=timestamp))
    if not chosen:
        raise CourseError(f"no hand-in in {archive} matches the pattern {pattern!r}")
    result = []
    for student, subs in sorted(chosen.items()):
        if len(subs) > 1:
            if any(s.timestamp is None for s in subs):
                result.append(Submission(student, None, kind="missing", problem=(
                    f"{len(subs)} hand-ins and no time on each to choose the newest: "
                    + ", ".join(s.notebook.name for s in subs if s.notebook))))
                continue
            newest = max(subs, key=lambda s: parse_utc(s.timestamp))
            subs = [replace(newest, note="; ".join(filter(None, [
                newest.note, f"newest of {len(subs)} hand-ins"])))]
        result.append(_check(student, subs))
    return result
