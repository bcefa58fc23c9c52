"""A kernel that runs a student's code inside bubblewrap (issue 13, item 1).

nbgrader stays outside and trusted: it starts the kernel named :data:`KERNEL_NAME`,
whose kernelspec runs ``python .../autograde/sandbox.py -f CONNECTION_FILE ...``. That
launcher (still outside) turns the command into a ``bwrap`` call and replaces itself
with it, so the kernel (``ipykernel_launcher``) starts in a sandbox where

* the whole file system is read-only;
* the folders in ``AUTOGRADE_SANDBOX_HIDE`` (the course folder, the instructor's
  home) are replaced by empty read-only folders, and so are ``/tmp`` (a private,
  writable one) and ``/dev`` (a minimal one, without ``/dev/shm``), which hold the
  grading workspaces with their gradebook copies; only the kernel's own working
  folder (nbgrader's copy of this student's assignment) is seen again, writable;
* Python's installation and this course's ``course_utils`` are seen again, read-only,
  where a hidden folder held them;
* there is no network (``--unshare-net``): the kernel talks to nbgrader over Unix
  sockets (jupyter_client's ``ipc`` transport) in a folder of the grading process,
  which is seen writable, and its connection file is seen read-only;
* no other process is visible (``--unshare-pid``), the kernel dies with nbgrader's
  client (``--die-with-parent``), and address-space and CPU-time limits
  (``AUTOGRADE_SANDBOX_MEMORY_MB``, ``AUTOGRADE_SANDBOX_CPU_S``) are set before the exec.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Iterator

__all__ = ["KERNEL_NAME", "bwrap_available", "bwrap_command", "install_kernelspec", "prepare", "environment_kept"]

KERNEL_NAME = "course-sandbox"
HIDE_ENV, MEMORY_ENV, CPU_ENV = "AUTOGRADE_SANDBOX_HIDE", "AUTOGRADE_SANDBOX_MEMORY_MB", "AUTOGRADE_SANDBOX_CPU_S"
DEFAULT_MEMORY_MB, DEFAULT_CPU_S = 8192, 900


def bwrap_available() -> str | None:
    """None when bubblewrap can start a sandbox here, else why not (and what to do)."""
    if not shutil.which("bwrap"):
        return "bubblewrap is not installed (Debian: apt-get install bubblewrap)"
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-net", "--", "true"],
                           capture_output=True, text=True)
    if probe.returncode:
        return f"bubblewrap cannot create a sandbox here: {probe.stderr.strip() or probe.returncode}"
    return None


def _course_utils_folder() -> Path | None:
    """Where ``course_utils`` is installed, found without importing it (it imports torch);
    None where it is not importable (the notebook's ``import course_utils`` then says so)."""
    import importlib.util

    spec = importlib.util.find_spec("course_utils")
    return Path(spec.origin).resolve().parent if spec and spec.origin else None


def _python_folders() -> list[Path]:
    """What the kernel must still read: the interpreter's prefixes and package folders."""
    import site
    import sysconfig

    folders = {Path(sys.prefix), Path(sys.base_prefix), Path(sysconfig.get_paths()["purelib"]),
               Path(sysconfig.get_paths()["platlib"]), *map(Path, site.getsitepackages()), _course_utils_folder()}
    return sorted(f.resolve() for f in folders if f and f.exists())


def bwrap_command(kernel_args: list[str], cwd: Path, hide: list[Path], connection_file: Path) -> list[str]:
    """The ``bwrap`` command that runs ``python -m ipykernel_launcher KERNEL_ARGS`` as described above."""
    command = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
               "--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session"]
    hidden = sorted({h.resolve() for h in hide if h.exists()})
    for folder in hidden:
        command += ["--tmpfs", str(folder)]
    for folder in _python_folders():
        command += ["--ro-bind", str(folder), str(folder)]
    info = json.loads(connection_file.read_text(encoding="utf-8"))
    if info.get("transport") != "ipc":
        raise SystemExit(f"{connection_file}: the sandbox kernel needs the ipc transport "
                         "(c.KernelManager.transport = 'ipc'), there is no network inside")
    sockets = Path(info["ip"]).resolve().parent   # the Unix sockets' folder, shared with nbgrader
    conn = str(connection_file.resolve())
    command += ["--ro-bind", conn, conn, "--bind", str(sockets), str(sockets),
                "--bind", str(cwd.resolve()), str(cwd.resolve()),
                "--chdir", str(cwd.resolve()), "--setenv", "HOME", str(cwd.resolve()),
                "--setenv", "MPLCONFIGDIR", "/tmp",
                # ipykernel exits when its parent's pid is 1, which it is in a pid
                # namespace; --die-with-parent does that job instead.
                "--unsetenv", "JPY_PARENT_PID"]
    for folder in hidden:   # once the binds inside them are made: nothing can be written there
        command += ["--remount-ro", str(folder)]
    command.append("--")
    return command + [sys.executable, "-m", "ipykernel_launcher", *kernel_args]


def install_kernelspec(folder: Path) -> Path:
    """Write the sandbox's kernelspec under ``folder/kernels``; put ``folder`` on
    ``JUPYTER_PATH`` for jupyter_client to find it. Returns the kernelspec's folder."""
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        # This file run as a script: ``-m autograde.sandbox`` would import the whole
        # package (nbgrader, Dask) first, seconds per kernel.
        "argv": [sys.executable, str(Path(__file__).resolve()), "-f", "{connection_file}"],
        "display_name": "Python 3 (graded in a sandbox)", "language": "python",
        # A signal to the launcher (bwrap) never reaches the kernel in its own session and
        # pid namespace; an interrupt_request on the control channel does (a cell timeout).
        "interrupt_mode": "message"}), encoding="utf-8")
    return spec


#: What :func:`prepare` sets in ``os.environ``.
ENVIRONMENT = ("JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", HIDE_ENV, MEMORY_ENV, CPU_ENV)


@contextlib.contextmanager
def environment_kept(names: Iterable[str] = ENVIRONMENT) -> Iterator[None]:
    """Put back, on leaving, the variables ``names`` of ``os.environ`` as they were (by
    default what :func:`prepare` sets: a worker process grades many hand-ins, each with
    a kit folder that goes with its workspace)."""
    saved = {name: os.environ.get(name) for name in names}
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def prepare(config, folder: Path, hide: list[Path], memory_mb: int | None = None,
            cpu_s: int | None = None) -> None:
    """Make this grading process start its kernels in the sandbox: point nbgrader's
    Execute in ``config`` at the sandbox kernel (``ipc`` transport), with its kernelspec
    and socket folder made in ``folder`` (a grading workspace's, removed with it), and set
    in ``os.environ`` what the launcher reads: the folders to ``hide`` and the limits (MiB
    of address space, seconds of CPU; default :data:`DEFAULT_MEMORY_MB`,
    :data:`DEFAULT_CPU_S`)."""
    install_kernelspec(folder)
    runtime = folder / "runtime"
    runtime.mkdir(exist_ok=True)
    config.Execute.kernel_name = KERNEL_NAME
    config.KernelManager.transport = "ipc"
    # The sockets go to a folder of this workspace (ports are numbered so that its
    # kernels never collide); the sandbox sees that folder and no other of /tmp.
    config.KernelManager.ip = str(runtime / "kernel")
    path = [str(folder)] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ.update({"JUPYTER_PATH": os.pathsep.join(path), "JUPYTER_RUNTIME_DIR": str(runtime),
                       HIDE_ENV: os.pathsep.join(map(str, hide)),
                       MEMORY_ENV: str(memory_mb or DEFAULT_MEMORY_MB), CPU_ENV: str(cpu_s or DEFAULT_CPU_S)})


def _limit_resources() -> None:
    memory = int(os.environ.get(MEMORY_ENV, DEFAULT_MEMORY_MB)) * 2**20
    cpu = int(os.environ.get(CPU_ENV, DEFAULT_CPU_S))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def main(argv: list[str]) -> None:
    """The kernelspec's command: ``-f CONNECTION_FILE [kernel arguments]``."""
    if "-f" not in argv or argv.index("-f") + 1 >= len(argv):
        sys.exit("usage: python -m autograde.sandbox -f CONNECTION_FILE [ipykernel arguments]")
    connection_file = Path(argv[argv.index("-f") + 1])
    hide = [Path(p) for p in os.environ.get(HIDE_ENV, "").split(os.pathsep) if p]
    command = bwrap_command(argv, Path.cwd(), hide, connection_file)
    _limit_resources()
    # The kernel's own stdout carries only its start-up banner (outputs go over the
    # sockets); stderr is kept for what a dying kernel says.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
