"""The German catalogue is complete and matches what pylupdate5 finds in the sources."""
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "i18n" / "herzlich_digital_de.ts"


def _messages(ts_path):
    tree = ET.parse(ts_path)
    for context in tree.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message.findtext("source"), message.find("translation")


def test_every_entry_is_translated():
    unfinished = [source for _, source, translation in _messages(TS_FILE)
                  if translation.get("type") in ("unfinished", "obsolete", "vanished")
                  or not (translation.text or "").strip()]
    assert not unfinished, f"{len(unfinished)} untranslated: {unfinished[:10]}"


def test_catalogue_uses_the_context_our_tr_helper_uses():
    from herzlich_digital_plugin.toolbelt.i18n import CONTEXT

    contexts = {context for context, _, _ in _messages(TS_FILE)}
    assert contexts == {CONTEXT}, "use toolbelt.i18n.tr(), not self.tr(): pylupdate5 files self.tr under the class"


def test_placeholders_survive_translation():
    import re

    for _, source, translation in _messages(TS_FILE):
        wanted = sorted(re.findall(r"\{\w*\}", source))
        assert sorted(re.findall(r"\{\w*\}", translation.text or "")) == wanted, source


def test_sources_have_no_strings_missing_from_the_catalogue(tmp_path):
    """pylupdate5 over the current sources adds nothing new to the committed catalogue."""
    if shutil.which("pylupdate5") is None:
        pytest.fail("pylupdate5 missing: `make deps` installs pyqt5-dev-tools")
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    sources = sorted(str(p) for p in (ROOT / "herzlich_digital_plugin").rglob("*.py") if "__pycache__" not in p.parts)
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(copy)], check=True, capture_output=True)
    new = [source for _, source, translation in _messages(copy) if translation.get("type") == "unfinished"]
    assert not new, f"run `make i18n-update` and translate: {new[:10]}"
