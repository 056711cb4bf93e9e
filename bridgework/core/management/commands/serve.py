from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web app and run the background task worker together (the `make run` entry point)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-worker", action="store_true", help="Serve only; run workers elsewhere.")

    def handle(self, *args: Any, host: str, port: str, no_worker: bool, **options: Any) -> None:
        processes: list[subprocess.Popen[bytes]] = []
        manage = [sys.executable, "-m", "bridgework"]
        if not no_worker and settings.TASK_BACKEND == "database":
            processes.append(subprocess.Popen([*manage, "db_worker"]))  # noqa: S603
        elif not no_worker and settings.TASK_BACKEND == "rq":
            processes.append(subprocess.Popen([*manage, "rqworker", "default"]))  # noqa: S603
        if settings.DEBUG:
            web = [*manage, "runserver", f"{host}:{port}"]
        else:
            web = [
                sys.executable,
                "-m",
                "gunicorn",
                "bridgework.wsgi",
                "--bind",
                f"{host}:{port}",
                "--workers",
                "3",
            ]
        self.stdout.write(f"Bridgework on http://{host}:{port}/ (Ctrl+C to stop)")
        server = subprocess.Popen(web)  # noqa: S603
        processes.append(server)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
