"""Start and stop the loopback services: the Django SensorThings server and a mosquitto broker.

Used by the test fixtures and by ``run.py`` (``make demo``). Both listen on 127.0.0.1 only.
"""
import os
import shutil
import socket
import subprocess  # nosec B404 - fixed argument lists, no shell
import sys
import time
from pathlib import Path
from typing import Optional

import requests

HERE = Path(__file__).resolve().parent
API_PREFIX = "/sensorthings"  # urls.py; the service root is <prefix>/v1.1


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(check, timeout_s: float, what: str, process: Optional[subprocess.Popen] = None, log: Path = None):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} stopped (exit {process.returncode}):\n{tail}")
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {timeout_s:.0f} s")


class StaServerProcess:
    """django-ogc-sensorthings on SQLite at 127.0.0.1:<port>, in its own Python process."""

    def __init__(self, data_dir, port: Optional[int] = None, python: str = sys.executable):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.python = python
        self.process: Optional[subprocess.Popen] = None
        self.log_path = self.data_dir / "sta_server.log"

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def url(self) -> str:
        """The SensorThings service root."""
        return f"{self.service_url}/v1.1"

    def _env(self) -> dict:
        return dict(os.environ, DJANGO_SETTINGS_MODULE="settings", PYTHONPATH=str(HERE),
                    HD_STA_DB=str(self.data_dir / "sta.sqlite3"), HD_STA_SERVICE_URL=self.service_url,
                    PYTHONDONTWRITEBYTECODE="1")

    def start(self, timeout_s: float = 90.0) -> "StaServerProcess":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = self._env()
        migrate = subprocess.run(  # nosec B603 - our interpreter, fixed arguments
            [self.python, "-m", "django", "migrate", "--verbosity", "0"], env=env, cwd=HERE, capture_output=True,
            text=True, timeout=timeout_s)
        if migrate.returncode != 0:
            raise RuntimeError(f"migrate failed:\n{migrate.stderr[-2000:]}")
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(  # nosec B603 - our interpreter, fixed arguments
            [self.python, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=env, cwd=HERE, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        _wait_for(self.ready, timeout_s, "The SensorThings server", self.process, self.log_path)
        return self

    def ready(self) -> bool:
        try:
            return requests.get(self.url + "/", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


class MosquittoProcess:
    """Debian's mosquitto with a generated config: anonymous, no persistence, 127.0.0.1:<port> only."""

    def __init__(self, data_dir, port: Optional[int] = None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.process: Optional[subprocess.Popen] = None

    @staticmethod
    def binary() -> Optional[str]:
        return shutil.which("mosquitto") or next(
            (p for p in ("/usr/sbin/mosquitto", "/usr/bin/mosquitto") if os.path.exists(p)), None)

    def start(self, timeout_s: float = 20.0) -> "MosquittoProcess":
        binary = self.binary()
        if binary is None:
            raise RuntimeError("mosquitto is not installed (Debian package mosquitto)")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = self.data_dir / "mosquitto.conf"
        log_path = self.data_dir / "mosquitto.log"
        config.write_text(f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence false\n"
                          f"log_dest file {log_path}\n", encoding="utf-8")
        self.process = subprocess.Popen(  # nosec B603 - the mosquitto binary and our generated config
            [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL)
        _wait_for(self.ready, timeout_s, "mosquitto", self.process, log_path)
        return self

    def ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
