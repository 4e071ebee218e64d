"""`make run`: the web server, a Celery worker and Celery beat, stopped together on Ctrl-C."""

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


VAR_DIR = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
# Settings create no directories on import; the processes started here need these.
NEEDED_DIRS = [VAR_DIR / "celery", VAR_DIR / "staticfiles"]


def _stop(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    # Ctrl-C in a terminal, or SIGTERM from a supervisor, stops all three.
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    for directory in NEEDED_DIRS:
        directory.mkdir(parents=True, exist_ok=True)
    processes = {name: subprocess.Popen(cmd) for name, cmd in COMMANDS.items()}
    print(f"Serving on http://127.0.0.1:{PORT}/ (Ctrl-C stops the server, worker and beat)")
    exit_code = 0
    try:
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; stopping the others.")
                    exit_code = process.returncode or 1
                    raise KeyboardInterrupt
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes.values():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
