"""The VzKat catalogue: search by number and German name, vendor labels, and agreement with the demo city."""
import pytest

from herzlich_digital_plugin.democity.catalogue import KINDS
from herzlich_digital_plugin.review import vzkat


def test_every_demo_kind_is_in_the_catalogue_with_its_name():
    for label, kind in KINDS.items():
        entry = vzkat.lookup(kind.asset_class, kind.code, kind.value)
        assert entry is not None, label
        assert entry.key == (kind.asset_class, kind.code, kind.value), label
        assert entry.name == kind.name, label
        assert vzkat.vendor_class(label) == (kind.asset_class, kind.code, kind.value), label


@pytest.mark.parametrize("text, code", [
    ("206", "206"), ("Halt. Vorfahrt", "206"), ("vorfahrt gewahren", "205"), ("VORFAHRT GEWÄHREN", "205"),
    ("Höchstgeschwindigkeit", "274"), ("hoechstgeschwindigkeit", "274"), ("Tempo 30-Zone", "274.1"),
    ("absolutes haltverbot", "283"), ("Eingeschränktes Halt", "286"), ("Fahrzeuge aller Art", "250"),
    ("einfahrt", "267"), ("Vorfahrtstrasse", "306"), ("Fußgängerüberweg", "350"), ("fussgaengerueberweg", "350"),
    ("haltlinie", "294"), ("leitlinie", "340"), ("wartelinie", "341"), ("Grenzmarkierung", "299"),
])
def test_search_by_name(text, code):
    assert code in [e.code for e in vzkat.search(text)]


def test_search_by_number():
    found = vzkat.search("274")
    assert found[0].key == ("sign", "274", None)
    assert {e.code for e in found} == {"274", "274.1", "274.2"}
    assert [e.key for e in vzkat.search("274 30")] == [("sign", "274", "30")]
    assert [e.key for e in vzkat.search("274/50")] == [("sign", "274", "50")]
    assert {e.code for e in vzkat.search("29")} >= {"293", "294", "295", "297", "299"}
    assert vzkat.search("999") == []
    assert vzkat.search("Kein Schild") == []


def test_vendor_labels():
    assert vzkat.vendor_class("regulatory--maximum-speed-limit-30--g1") == ("sign", "274", "30")
    assert vzkat.vendor_class("regulatory--maximum-speed-limit-70--g3") == ("sign", "274", "70")
    assert vzkat.vendor_class("regulatory--maximum-speed-limit-zone-20--g1") == ("sign", "274.1", "20")
    assert vzkat.vendor_class("regulatory--end-of-maximum-speed-limit-50--g2") == ("sign", "278", "50")
    assert vzkat.vendor_class("regulatory--stop--g2") == ("sign", "206", None)
    assert vzkat.vendor_class("regulatory--something-new--g1") is None
    assert vzkat.vendor_asset_class("regulatory--something-new--g1") == "sign"
    assert vzkat.vendor_asset_class("object--traffic-light--cyclists") == "light"
    assert vzkat.vendor_asset_class("animal--bird") is None


def test_names_for_display():
    assert vzkat.name_of("sign", "274", "30") == "Zulässige Höchstgeschwindigkeit 30"
    assert vzkat.name_of("sign", "274", "35") == "Zulässige Höchstgeschwindigkeit 35"
    assert vzkat.name_of("light", None) == "Lichtzeichenanlage"
    assert vzkat.name_of("sign", "1234") == "1234"
    assert vzkat.lookup("sign", "206").label == "206 Halt. Vorfahrt gewähren."
