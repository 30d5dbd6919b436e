"""Issue 15.5: reviewreport speaks German under qgis_process when the profile's interface language is German."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.store import open_store
from review_demo import write_city

ROOT = Path(__file__).resolve().parents[2]


def _qgis_process():
    # Debian's qgis_process wrapper adds --noversioncheck, which qgis_process itself rejects; use the binary.
    return shutil.which("qgis_process.bin") or shutil.which("qgis_process")


@pytest.mark.skipif(_qgis_process() is None, reason="qgis_process is not installed")
def test_reviewreport_is_german_under_qgis_process(tmp_path):
    store_path = tmp_path / "city.gpkg"
    with open_store(str(store_path)) as store:
        write_city(store, "test")
        s = ReviewSession(store, "anna")
        for item in s.claim_next(n=5):
            s.accept(item)
    build = tmp_path / "build"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(build), str(tmp_path / "dist")],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_profile.py"), str(tmp_path / "cfg"), "default",
                    str(build / "herzlich_digital_plugin"), "de"], check=True, capture_output=True)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"), QT_QPA_PLATFORM="offscreen")
    out = tmp_path / "bericht.html"
    result = subprocess.run([_qgis_process(), "run", "herzlich_digital:reviewreport", "--", f"STORE={store_path}",
                             f"OUTPUT={out}"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Fortschritt je Klasse" in text and "KI-Genauigkeit je Konfidenzband" in text
    assert "Progress per class" not in text
