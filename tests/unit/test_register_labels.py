"""VzKat numbers, variants, Zusatzzeichen and German names as labels (review/vzkat_labels.py)."""
import json
import re

import pytest

from herzlich_digital_plugin.review import vzkat_labels as L
from shared_fixtures import shared_fixture


@pytest.mark.parametrize("text, key", [
    ("206", ("sign", "206", None)),
    ("VZ 206", ("sign", "206", None)),
    ("Zeichen 206", ("sign", "206", None)),
    ("DE:206", ("sign", "206", None)),
    ("274-53", ("sign", "274", "30")),  # old VzKat variant number: Tempo 30
    ("274-55", ("sign", "274", "50")),
    ("274-62", ("sign", "274", "120")),
    ("274-30", ("sign", "274", "30")),  # StVO 2017 numbering: the speed itself
    ("DE:274-70", ("sign", "274", "70")),
    ("DE:274[30]", ("sign", "274", "30")),
    ("DE:274.1[30]", ("sign", "274.1", "30")),
    ("274 30", ("sign", "274", "30")),
    ("220-20", ("sign", "220", "20")),
    ("283-10", ("sign", "283", "10")),
    ("1020-30", ("sign", "1020", "30")),  # a Zusatzzeichen is a class of its own
    ("DE:1022-10", ("sign", "1022", "10")),
    ("DE:260,1020-30", ("sign", "260", None)),  # the main sign of a post
    ("294", ("marking", "294", None)),
    ("Haltverbot", ("sign", "283", None)),
    ("Haltlinie", ("marking", "294", None)),
    ("eingeschränktes Haltverbot", ("sign", "286", None)),
    ("Tempo 30", ("sign", "274", "30")),
    ("Einbahnstraße", ("sign", "220", None)),
    ("regulatory--maximum-speed-limit-30--g1", ("sign", "274", "30")),  # vendor labels still work
])
def test_labels_map_to_vzkat(text, key):
    assert L.parse_label(text) == key


@pytest.mark.parametrize("text", ["", "900", "foo", "12", "city_limit", "99999"])
def test_unknown_labels_are_none(text):
    assert L.parse_label(text) is None


def test_split_signs_keeps_the_post_together():
    assert L.split_signs("DE:260,1020-30") == ["DE:260", "DE:1020-30"]
    assert L.split_signs("239; 1022-10") == ["239", "1022-10"]
    assert L.is_supplement("1020") and not L.is_supplement("102")
    assert L.code_text(("sign", "274", "30")) == "274-30" and L.code_text(("light", None, None)) == ""


def test_user_mapping_csv(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("label,vzkat\nspeed30,274-53\nStopp-Schild,206\nampel,light\n", encoding="utf-8")
    mapping = L.load_mapping(path)
    assert L.parse_label("speed30", mapping) == ("sign", "274", "30")
    assert L.parse_label("STOPP-SCHILD", mapping) == ("sign", "206", None)
    assert L.parse_label("ampel", mapping) == ("light", None, None)
    assert L.parse_label("unknown-thing", mapping) is None


def test_user_mapping_names_bad_lines(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("label;vzkat\ngood;206\nbad;not-a-code\nonlyone\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3, 4"):
        L.load_mapping(path)


def test_real_osm_traffic_sign_values_map():
    """taginfo's German traffic_sign values (real counts): every DE:<number> value maps, with its variant."""
    values = json.loads(shared_fixture("sign_catalogues", "osm_traffic_sign_tool_taginfoTrafficSignData_DE.json")
                        .read_text(encoding="utf-8"))
    numbered = [v for v, _ in values if v.startswith("DE:") and v[3:4].isdigit()]
    assert len(numbered) > 100
    unmapped = [v for v in numbered if L.parse_label(v) is None]
    assert len(unmapped) <= 0.05 * len(numbered), unmapped
    assert L.parse_label("DE:274.1[30]") == ("sign", "274.1", "30")
    assert L.parse_label("DE:239,1022-10") == ("sign", "239", None)
    assert [L.parse_vzkat(p) for p in L.split_signs("DE:239,1022-10")][1] == ("sign", "1022", "10")


def test_real_mapillary_class_lists_keep_their_keys():
    """Mapillary's real class names: speed limits get their value, the table's classes their code."""
    regulatory = json.loads(shared_fixture("sign_catalogues", "josm_mapillary_detections_regulatory.json")
                            .read_text(encoding="utf-8"))
    types = {t["type"] for t in regulatory}
    assert "regulatory--stop--g1" in types
    assert L.parse_label("regulatory--stop--g1") == ("sign", "206", None)
    speeds = [t for t in types if re.match(r"^regulatory--maximum-speed-limit-\d+--g\d+$", t)]
    assert len(speeds) > 10
    assert all(L.parse_label(t) == ("sign", "274", re.findall(r"\d+", t)[0]) for t in speeds)
