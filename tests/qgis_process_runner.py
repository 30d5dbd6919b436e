"""The real `qgis_process` binary with the packaged plugin in a throw-away profile, for contract tests.

``QgisProcess(tmp_dir).run("fetchsensors", {"URL": ..., "OUTPUT": "x.gpkg"})`` returns (exit code, the parsed
``--json`` answer or None, stderr). Parameters go as ``--NAME=value`` arguments, as a shell script would pass them.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def qgis_process_binary():
    # Debian's qgis_process wrapper adds --noversioncheck, which qgis_process itself rejects; use the binary.
    return shutil.which("qgis_process.bin") or shutil.which("qgis_process")


class QgisProcess:
    def __init__(self, work: Path, language: str = "en"):
        self.binary = qgis_process_binary()
        build = work / "build"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(build), str(work / "dist")],
                       check=True, capture_output=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_profile.py"), str(work / "cfg"), "default",
                        str(build / "herzlich_digital_plugin"), language], check=True, capture_output=True)
        self.env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(work / "cfg"), QT_QPA_PLATFORM="offscreen")

    def command(self, *args, timeout=300):
        return subprocess.run([self.binary, *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def run(self, algorithm: str, parameters: dict, timeout=300):
        args = ["run", f"herzlich_digital:{algorithm}", "--json"]
        args += [f"--{name}={value}" for name, value in parameters.items()]
        done = self.command(*args, timeout=timeout)
        answer = None
        start = done.stdout.find("{")
        if start >= 0:
            try:
                answer = json.loads(done.stdout[start:])
            except ValueError:
                answer = None
        return done.returncode, answer, done.stderr
