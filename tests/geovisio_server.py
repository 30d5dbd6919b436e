"""A real GeoVisio (the Panoramax server, geovisio 2.15.1 from PyPI) on loopback, on the test PostgreSQL cluster.

It lives in a venv of its own (`.venv-geovisio`, made by `make deps`): its pinned pydantic/requests do not fit
beside the test tools. The tests start it with `flask run`, upload real camera files through its API and read
them back with the plugin's Panoramax source.
"""
import os
import shutil
import socket
import subprocess  # nosec B404 - starts the test server
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
FLASK = ROOT / ".venv-geovisio" / "bin" / "flask"


class GeoVisioUnavailable(RuntimeError):
    pass


class GeoVisio:
    def __init__(self, pg_server, database):
        if not FLASK.exists():
            raise GeoVisioUnavailable(f"{FLASK} is missing: `make deps` builds the GeoVisio venv")
        from pg_server import PASSWORD, SUPERUSER
        self.folder = tempfile.mkdtemp(prefix="hd_geovisio_")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}/api"
        self.env = dict(os.environ, DB_URL=f"postgres://{SUPERUSER}:{PASSWORD}@127.0.0.1:{pg_server.port}/{database}",
                        FS_URL=self.folder + "/storage/", API_FORCE_AUTH_ON_UPLOAD="false", API_BLUR_URL="",
                        FLASK_SECRET_KEY=os.urandom(16).hex(), PICTURE_PROCESS_DERIVATES_STRATEGY="ON_DEMAND",
                        LOG_LEVEL="warning")
        self.process = None

    def start(self, timeout_s=60):
        migrate = subprocess.run([str(FLASK), "--app", "geovisio", "db", "upgrade"], env=self.env,  # nosec B603
                                 capture_output=True, text=True, timeout=timeout_s)
        if migrate.returncode != 0:
            raise GeoVisioUnavailable("geovisio db upgrade failed:\n" + migrate.stderr[-3000:])
        self.log = open(Path(self.folder) / "server.log", "w")
        self.process = subprocess.Popen([str(FLASK), "--app", "geovisio", "run", "--host", "127.0.0.1",  # nosec
                                         "--port", str(self.port)], env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base, timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.3)
        self.stop()
        raise GeoVisioUnavailable("GeoVisio did not start within %d s" % timeout_s)

    def upload(self, title, files, timeout_s=60):
        """A collection with these JPEGs, once GeoVisio has processed them; returns its id."""
        collection = requests.post(f"{self.base}/collections", data={"title": title}, timeout=10)
        collection.raise_for_status()
        cid = collection.json()["id"]
        for rank, path in enumerate(files, 1):
            with open(path, "rb") as fh:
                answer = requests.post(f"{self.base}/collections/{cid}/items", files={"picture": fh},
                                       data={"position": rank}, timeout=30)
            answer.raise_for_status()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            items = requests.get(f"{self.base}/collections/{cid}/items", timeout=10)
            states = [f["properties"].get("geovisio:status") for f in items.json().get("features", [])] \
                if items.status_code == 200 else []
            if len(states) == len(files) and all(s == "ready" for s in states):
                return cid
            time.sleep(0.5)
        raise GeoVisioUnavailable(f"GeoVisio did not process the pictures of {title} in time")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
            self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
