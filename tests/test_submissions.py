"""Collecting hand-ins from LMS downloads and folders, and repairing what they lost
(:mod:`autograde.submissions`, :mod:`autograde.repair`; nothing is executed here)."""

from __future__ import annotations

import copy
import tarfile
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograde.course import CourseError
from autograde.notebooks import nbgrader_meta, reference_submission
from autograde.repair import repair
from autograde.submissions import collect_submissions
from tests.assignments import ROOT

PS01 = "ps01_convolution"
RELEASE = nbformat.read(ROOT / "release" / PS01 / f"{PS01}.ipynb", as_version=4)
BLACKBOARD = r".*_(?P<student_id>[a-z0-9]+)_attempt_(?P<timestamp>[0-9-]+)_(?P<file_id>.+)"


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


NB = nbformat.writes(RELEASE).encode()


def test_zip_of_the_folder_layout(tmp_path: Path):
    """Is a zipped hand-ins folder (<student>/<assignment>/*.ipynb with timestamp.txt, or
    <student>.ipynb) read as the folder is, with the time kept?"""
    archive = _zip(tmp_path / "download.zip", {
        f"hand-ins/ann/{PS01}/{PS01}.ipynb": NB,
        f"hand-ins/ann/{PS01}/timestamp.txt": b"2026-11-30 10:00:00",
        "hand-ins/bob.ipynb": NB,
        "hand-ins/__MACOSX/._bob.ipynb": b"junk",
    })
    subs = {s.student: s for s in collect_submissions(archive, PS01, warn=lambda line: None)}
    assert sorted(subs) == ["ann", "bob"]
    assert subs["ann"].timestamp == "2026-11-30 10:00:00" and subs["bob"].timestamp is None
    assert all(s.problem is None for s in subs.values())


def test_lms_file_names_read_with_a_pattern(tmp_path: Path):
    """Does a Blackboard-style download give one hand-in per student, the newest of several,
    with its time, a renamed file noted, and a file the pattern misses reported?"""
    archive = _zip(tmp_path / "gradebook_ps01.zip", {
        f"ps01_ann_attempt_2026-11-29-10-00-00_{PS01}.ipynb": NB,
        f"ps01_ann_attempt_2026-11-30-09-15-00_{PS01}.ipynb": NB,
        "ps01_bob_attempt_2026-11-28-08-00-00_my work.ipynb": NB,
        "ps01_ann_attempt_2026-11-29-10-00-00_notes.txt": b"not a notebook",
        "README.ipynb": NB,
    })
    warned: list[str] = []
    subs = {s.student: s for s in collect_submissions(archive, PS01, warn=warned.append, pattern=BLACKBOARD)}
    assert sorted(subs) == ["ann", "bob"]
    assert subs["ann"].timestamp == "2026-11-30 09:15:00"
    assert "newest of 2 hand-ins" in subs["ann"].note
    assert "renamed 'ps01_bob_attempt_2026-11-28-08-00-00_my work.ipynb'" in subs["bob"].note
    assert any("README.ipynb" in line for line in warned)


def test_duplicates_without_times_are_reported_not_guessed(tmp_path: Path):
    """Are two hand-ins of one student without times a problem for that student only?"""
    archive = _zip(tmp_path / "d.zip", {f"ann__{PS01}.ipynb": NB, f"ann__copy_{PS01}.ipynb": NB,
                                        f"bob__{PS01}.ipynb": NB})
    subs = {s.student: s for s in collect_submissions(archive, PS01, warn=lambda line: None,
                                                      pattern=r".*/(?P<student_id>[a-z]+)__(?P<file_id>.+)")}
    assert subs["ann"].notebook is None and subs["ann"].kind == "missing" and "2 hand-ins" in subs["ann"].problem
    assert subs["bob"].problem is None


def test_tar_gz_and_bad_archives(tmp_path: Path):
    """Is a .tar.gz read like a zip, and a broken archive or a bad pattern a clear error?"""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "cy.ipynb").write_bytes(NB)
    with tarfile.open(tmp_path / "h.tar.gz", "w:gz") as archive:
        archive.add(tmp_path / "src" / "cy.ipynb", arcname="cy.ipynb")
    assert [s.student for s in collect_submissions(tmp_path / "h.tar.gz", PS01, warn=lambda line: None)] == ["cy"]
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CourseError, match="could not be unpacked"):
        collect_submissions(tmp_path / "broken.zip", PS01)
    with pytest.raises(CourseError, match="named groups file_id"):
        collect_submissions(_zip(tmp_path / "ok.zip", {"a.ipynb": NB}), PS01, pattern=r"(?P<student_id>.+)")
    with pytest.raises(CourseError, match="neither a folder nor an archive"):
        collect_submissions(tmp_path / "src" / "cy.ipynb", PS01)


def test_timestamp_file_that_is_not_a_time(tmp_path: Path):
    """Is a timestamp.txt that holds no time noted and the hand-in graded as on time?"""
    folder = tmp_path / "ann" / PS01
    folder.mkdir(parents=True)
    (folder / f"{PS01}.ipynb").write_bytes(NB)
    (folder / "timestamp.txt").write_text("yesterday-ish")
    [sub] = collect_submissions(tmp_path, PS01)
    assert sub.timestamp is None and "not a time" in sub.note and sub.problem is None


# ---------------------------------------------------------------------- repair


def _graded_ids(nb) -> list[str]:
    return [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c).get("grade_id")]


def test_intact_hand_in_needs_no_repair():
    """Is a hand-in with all its metadata left exactly as it is?"""
    nb = reference_submission(nbformat.read(ROOT / "source" / PS01 / f"{PS01}.ipynb", as_version=4))
    before = copy.deepcopy(nb)
    assert repair(nb, RELEASE) == [] and nb == before


def test_repair_restores_metadata_types_and_test_cells():
    """Are stripped metadata, a changed cell type, a deleted and a duplicated test cell all
    put right, leaving every cell's source as the student wrote it?"""
    nb = copy.deepcopy(RELEASE)
    for cell in nb.cells:
        cell.source += "\n# student's edit" if cell.cell_type == "code" and not nbgrader_meta(cell).get("locked") else ""
    sources = {c.id: c.source for c in nb.cells}
    tests = [c for c in nb.cells if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")]
    nb.cells.remove(tests[0])
    twin = copy.deepcopy(tests[1])
    twin.id = "twin"
    nb.cells.insert(nb.cells.index(tests[1]) + 1, twin)
    tests[2].cell_type = "markdown"
    del tests[2]["outputs"], tests[2]["execution_count"]
    for cell in nb.cells[-10:]:
        cell.metadata.pop("nbgrader", None)
    fixes = repair(nb, RELEASE)
    assert any("put back the deleted test cell" in f for f in fixes)
    assert any("second copies" in f for f in fixes)
    assert _graded_ids(nb) == _graded_ids(RELEASE)
    assert tests[2].cell_type == "code"
    assert all(c.source == sources[c.id] for c in nb.cells if c.id in sources)
    assert nbformat.validate(nb) is None
