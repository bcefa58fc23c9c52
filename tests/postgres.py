"""A throw-away PostgreSQL server on loopback, for the gradebook tests.

``.ci/run`` installs Debian's ``postgresql`` package; :func:`start_server` runs its
``initdb`` and ``pg_ctl`` in a fresh data folder (as the ``postgres`` user when the
tests run as root, since PostgreSQL refuses to run as root), on a free port of
127.0.0.1 with trust authentication, and creates one database. :func:`why_not`
says why no server can run here, for the skip message.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Server", "start_server", "why_not"]


def _bin(name: str) -> str | None:
    """The path of a PostgreSQL server program: on PATH, else in Debian's versioned folder."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def why_not() -> str | None:
    """Why no PostgreSQL server can be started here, or ``None`` when one can."""
    if not (_bin("initdb") and _bin("pg_ctl")):
        return "no PostgreSQL server programs (initdb, pg_ctl): apt-get install postgresql (.ci/run does)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed (pip install -r requirements.txt)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server; :meth:`stop` ends it and removes its data."""

    folder: Path
    port: int
    database: str
    _as_user: list[str]

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database."""
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{self.database}"

    def stop(self) -> None:
        subprocess.run([*self._as_user, _bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(database: str = "course") -> Server:
    """Start a server and create ``database``; raises ``RuntimeError`` with the server's log."""
    folder = Path(tempfile.mkdtemp(prefix="autograde-pg-", dir="/tmp"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data, log = folder / "data", folder / "server.log"

    def run(*command: str) -> None:
        proc = subprocess.run([*as_user, *command], capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            server_log = log.read_text() if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{proc.stdout}{proc.stderr}{server_log}")

    run(_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync")
    run(_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    run(_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database)
    return Server(folder, port, database, as_user)
