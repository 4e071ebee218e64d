"""`make run`: the web server, a Celery worker and Celery beat, stopped together.

Ctrl-C in a terminal, or SIGTERM/SIGHUP from make or a supervisor, stops all three and every
process they started (runserver's autoreloader child, the worker's pool): each runs in a
process group of its own, and the whole group is signalled.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
PORT = os.environ.get("PORT", "8000")
CELERY = [PYTHON, "-m", "celery", "-A", "config"]

COMMANDS = {
    "web": [PYTHON, "manage.py", "runserver", f"127.0.0.1:{PORT}"],
    "worker": [*CELERY, "worker", "--loglevel=INFO", "--pool=solo"],
    "beat": [*CELERY, "beat", "--loglevel=INFO"],
}
STOP_SECONDS = 15


class Stop(Exception):
    pass


VAR_DIR = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
# Settings create no directories on import; the processes started here need these.
NEEDED_DIRS = [
    VAR_DIR / "celery",
    VAR_DIR / "celery-control",
    VAR_DIR / "celery-processed",
    VAR_DIR / "staticfiles",
]


def _stop(signum, frame):
    raise Stop


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def stop_all(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        # Whatever is left in the group (a grandchild that ignored SIGTERM) is killed.
        _signal_group(process, signal.SIGKILL)


def main(commands: dict[str, list[str]] = COMMANDS) -> int:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    processes: dict[str, subprocess.Popen] = {}
    for directory in NEEDED_DIRS:
        directory.mkdir(parents=True, exist_ok=True)
    exit_code = 0
    try:
        for name, cmd in commands.items():
            processes[name] = subprocess.Popen(cmd, start_new_session=True)
        print(
            f"Serving on http://127.0.0.1:{PORT}/ (Ctrl-C stops the server, worker and beat)",
            flush=True,
        )
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; stopping the others.")
                    exit_code = process.returncode or 1
                    raise Stop
            time.sleep(0.5)
    except (Stop, KeyboardInterrupt):
        pass
    finally:
        # No second signal may interrupt the shutdown half-way.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        stop_all(processes)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
