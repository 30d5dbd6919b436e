"""Every algorithm we ship keeps the id and parameter/output names promised in PROCESSING.md."""
import re
import shutil
import subprocess
import sys
import os
from pathlib import Path

import pytest
from qgis.core import QgsApplication

from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = next(p for p in (ROOT.parent / "shared" / "PROCESSING.md", ROOT / "docs" / "PROCESSING.md") if p.exists())
# the contract allows more algorithms than the shared table names: ours are documented in docs/PROCESSING.md
CONTRACTS = [CONTRACT] + ([ROOT / "docs" / "PROCESSING.md"] if CONTRACT != ROOT / "docs" / "PROCESSING.md" else [])


def _names_only(cell: str) -> str:
    """A parameter cell without its explanations: `code` examples and (nested) parentheses."""
    cell = re.sub(r"`[^`]*`", "", cell)
    while re.search(r"\([^()]*\)", cell):
        cell = re.sub(r"\([^()]*\)", "", cell)
    return cell


def _contract():
    """{algorithm id: (parameter names, output names)} from the markdown table."""
    table = {}
    lines = [line for path in reversed(CONTRACTS) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:  # the shared table last: where both name an algorithm, its promise counts
        match = re.match(r"^\|\s*`(\w+)`\s*\|(.*)\|(.*)\|\s*$", line)
        if match:
            params = set(re.findall(r"\b([A-Z][A-Z_]{1,})\b", _names_only(match.group(2))))
            outputs = set(re.findall(r"\b([A-Z][A-Z_]{1,})\b", match.group(3)))
            table[match.group(1)] = (params, outputs)
    return table


@pytest.fixture(scope="module")
def provider():
    registry = QgsApplication.processingRegistry()
    ours = registry.providerById(PROVIDER_ID)
    if ours is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield ours


def test_contract_table_parses():
    contract = _contract()
    assert "createdemocity" in contract and "SIZE" in contract["createdemocity"][0]
    assert len(contract) >= 15


def test_every_algorithm_is_in_the_contract_with_its_names(provider):
    contract = _contract()
    algorithms = provider.algorithms()
    assert algorithms
    for algorithm in algorithms:
        assert algorithm.provider().id() == "herzlich_digital"
        assert algorithm.name() in contract, f"{algorithm.name()} is not in PROCESSING.md"
        promised_params, promised_outputs = contract[algorithm.name()]
        params = {p.name() for p in algorithm.parameterDefinitions()}
        outputs = {o.name() for o in algorithm.outputDefinitions()}
        # Mapping parameters are named per format ("field mapping parameters"); the rest must match exactly.
        missing = {p for p in promised_params if p not in params and p not in {"CSV", "HTML", "PNG", "JSON", "PDF"}}
        assert not missing, f"{algorithm.name()} lacks parameters {missing}"
        assert promised_outputs - {"HTML", "CSV"} <= outputs | params, f"{algorithm.name()} outputs {outputs}"


def _qgis_process():
    # Debian's qgis_process wrapper adds --noversioncheck, which qgis_process itself rejects; use the binary.
    return shutil.which("qgis_process.bin") or shutil.which("qgis_process")


@pytest.mark.slow
@pytest.mark.skipif(_qgis_process() is None, reason="qgis_process is not installed")
def test_qgis_process_lists_the_algorithms(tmp_path):
    build = tmp_path / "build"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(build), str(tmp_path / "dist")],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_profile.py"), str(tmp_path / "cfg"), "default",
                    str(build / "herzlich_digital_plugin"), "en"], check=True, capture_output=True)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([_qgis_process(), "list"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for algorithm_id in ("createdemocity", "setupshareddatabase"):
        assert f"herzlich_digital:{algorithm_id}" in result.stdout
