"""Detours on small hand-made GeoJSON networks (EPSG:25832) for each defect seen on real road layers (issue 14).

Grid of the first tests (offsets in metres; A and D are junctions, B and C plain corner vertices):

    N(0,150)
      | Nordweg
    D(0,100) ---- Parkstraße ---- C(100,100)
      | Weststraße                  | Querweg
    A(0,0) ----- Hauptstraße ----- B(100,0)
      | Hauptstraße to W(-50,0)
"""
import sys
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException
from shapely.geometry import LineString

from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.roadworks.detour_closures import Closure, stretch_of
from herzlich_digital_plugin.roadworks.detour_errors import NoDetourError, SnapError
from herzlich_digital_plugin.roadworks.detour_graph import clear_cache, network_for
from herzlich_digital_plugin.roadworks.detour_route import find_detour
from herzlich_digital_plugin.roadworks.detour_values import UnknownValueError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from roadworks_grids import Y0, at, closures_layer, geojson_layer  # noqa: E402

CORNERS = [({"name": "Hauptstraße"}, [(-50, 0), (0, 0)]), ({"name": "Hauptstraße"}, [(0, 0), (100, 0)]),
           ({"name": "Querweg"}, [(100, 0), (100, 100)]), ({"name": "Parkstraße"}, [(100, 100), (0, 100)]),
           ({"name": "Weststraße"}, [(0, 0), (0, 100)]), ({"name": "Nordweg"}, [(0, 100), (0, 150)])]
HAUPT = LineString([at(10, 0), at(90, 0)])


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module")
def provider(qgis_processing):
    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield registry.providerById(PROVIDER_ID)


def test_stretch_stops_at_a_corner_into_another_street(tmp_path):
    network = network_for(geojson_layer(tmp_path, CORNERS))
    stretch = stretch_of(network, Closure(HAUPT, "full_closure"))
    assert stretch.length_m == pytest.approx(100.0)  # Hauptstraße only, not + Querweg + Parkstraße (300 m)
    result = find_detour(network, Closure(HAUPT, "full_closure"))
    assert (result.start_xy, result.end_xy) == (at(0, 0), at(100, 0))
    assert result.length_m == pytest.approx(300.0)  # A-D-C-B
    assert result.extra_m == pytest.approx(200.0)  # never negative here


def test_stretch_grows_around_a_bend_of_the_same_street(tmp_path):
    roads = [({"name": "Hauptstraße"}, [(-50, 0), (0, 0)]),
             ({"name": "Hauptstraße"}, [(0, 0), (100, 0), (150, 50)]),  # bend at (100, 0)
             ({"name": "Ringstraße"}, [(150, 50), (150, 150), (0, 150), (0, 0)]),
             ({"name": "Ostweg"}, [(150, 50), (250, 50)])]
    network = network_for(geojson_layer(tmp_path, roads))
    result = find_detour(network, Closure(HAUPT, "full_closure"))
    assert (result.start_xy, result.end_xy) == (at(0, 0), at(150, 50))
    assert result.closed_length_m == pytest.approx(100 + 50 * 2 ** 0.5)
    assert result.length_m == pytest.approx(400.0)


def test_an_unnamed_way_ends_the_stretch_where_the_feature_ends(tmp_path):
    roads = [({"name": None}, [(-50, 0), (0, 0)]), ({"name": None}, [(0, 0), (100, 0)]),
             ({"name": None}, [(100, 0), (100, 100)]), ({"name": None}, [(100, 100), (0, 100)]),
             ({"name": None}, [(0, 0), (0, 100)]), ({"name": None}, [(0, 100), (0, 150)])]
    result = find_detour(network_for(geojson_layer(tmp_path, roads)), Closure(HAUPT, "full_closure"))
    assert result.closed_length_m == pytest.approx(100.0) and result.length_m == pytest.approx(300.0)


def test_start_and_end_at_the_junctions_of_the_closed_stretch(tmp_path):
    network = network_for(geojson_layer(tmp_path, CORNERS))
    result = find_detour(network, Closure(HAUPT, "full_closure"), start=at(0, 0), end=at(100, 0))
    assert result.route is not None and result.length_m == pytest.approx(300.0)
    assert result.closed_length_m == pytest.approx(100.0)
    assert [s["distance_m"] for s in result.snapped] == [0.0, 0.0]


def test_start_far_off_the_network_is_refused_and_a_near_one_is_reported(tmp_path):
    network = network_for(geojson_layer(tmp_path, CORNERS))
    with pytest.raises(SnapError) as caught:
        find_detour(network, Closure(HAUPT, "full_closure"), start=at(5000, 0))
    assert "START" in str(caught.value) and "50 m" in str(caught.value)
    near = find_detour(network, Closure(HAUPT, "full_closure"), start=at(-3, 4), snap_m=10)
    assert near.start_xy == at(0, 0)
    assert near.snapped == [{"which": "START", "road_m": 3.0, "distance_m": 5.0, "xy": list(at(0, 0))}]


def test_a_full_closure_of_a_two_way_street_has_a_detour_for_each_direction(tmp_path):
    network = network_for(geojson_layer(tmp_path, CORNERS))
    result = find_detour(network, Closure(HAUPT, "full_closure"))
    assert [d.direction for d in result.directions] == ["forward", "backward"]
    back = result.opposite
    assert (back.start_xy, back.end_xy) == (at(100, 0), at(0, 0))
    assert list(back.route.coords) == [at(100, 0), at(100, 100), at(0, 100), at(0, 0)]
    assert back.length_m == pytest.approx(300.0) and back.closed_length_m == pytest.approx(100.0)
    one_direction = find_detour(network, Closure(HAUPT, "lanes_one_direction"))
    assert one_direction.opposite is None


def test_a_direction_without_a_detour_is_said(tmp_path):
    roads = [dict(props, oneway="yes" if props["name"] == "Querweg" else "no") for props, _ in CORNERS]
    network = network_for(geojson_layer(tmp_path, [(p, c) for p, (_, c) in zip(roads, CORNERS)]))
    result = find_detour(network, Closure(HAUPT, "full_closure"))  # Querweg only B -> C: nothing reaches B
    assert result.direction == "backward" and result.length_m == pytest.approx(300.0)
    assert result.opposite.route is None and "No detour can exist" in result.opposite.error


def test_processing_outputs_both_directions(provider, tmp_path):
    from qgis import processing

    closures = closures_layer(tmp_path, [(("Vollsperrung", "beide Richtungen"), [(10, 0), (90, 0)])])
    out = processing.run("herzlich_digital:detourroute", {
        "ROADS": geojson_layer(tmp_path, CORNERS), "CLOSURES": closures, "OUTPUT": "memory:"})
    assert out["LENGTH_M"] == pytest.approx(300.0) and out["EXTRA_M"] == pytest.approx(200.0)
    assert out["LENGTH_M_OPPOSITE"] == pytest.approx(300.0) and out["DIRECTIONS"] == 2
    kinds = sorted((f["kind"], f["direction"]) for f in out["OUTPUT"].getFeatures())
    assert kinds == [("closed", "backward"), ("closed", "forward"), ("detour", "backward"), ("detour", "forward")]


@pytest.mark.parametrize("word", ["full closure", "Vollsperrung", "FULL_CLOSURE", "roadClosed", "full_closure"])
def test_closure_words_are_understood(provider, tmp_path, word):
    from qgis import processing

    closures = closures_layer(tmp_path, [((word, None), [(10, 0), (90, 0)])])
    out = processing.run("herzlich_digital:detourroute", {
        "ROADS": geojson_layer(tmp_path, CORNERS), "CLOSURES": closures, "OUTPUT": "memory:"})
    assert out["LENGTH_M"] == pytest.approx(300.0)  # the road is closed: the detour goes round the block


def test_direction_words_and_unknown_values(provider, tmp_path):
    from qgis import processing

    roads = geojson_layer(tmp_path, CORNERS)
    closures = closures_layer(tmp_path, [(("Fahrstreifen einer Richtung gesperrt", "gegen die Zeichenrichtung"),
                                          [(10, 0), (90, 0)])])
    out = processing.run("herzlich_digital:detourroute", {"ROADS": roads, "CLOSURES": closures,
                                                          "OUTPUT": "memory:"})
    assert [f["direction"] for f in out["OUTPUT"].getFeatures() if f["kind"] == "detour"] == ["backward"]
    assert out["DIRECTIONS"] == 1
    bad = closures_layer(tmp_path, [(("halb zu", None), [(10, 0), (90, 0)])], name="bad")
    with pytest.raises(QgsProcessingException, match="Vollsperrung.*roadClosed|roadClosed.*Vollsperrung"):
        processing.run("herzlich_digital:detourroute", {"ROADS": roads, "CLOSURES": bad, "OUTPUT": "memory:"})
    bad_direction = closures_layer(tmp_path, [(("Vollsperrung", "links"), [(10, 0), (90, 0)])], name="bad2")
    with pytest.raises(QgsProcessingException, match="gegen die Zeichenrichtung"):
        processing.run("herzlich_digital:detourroute", {"ROADS": roads, "CLOSURES": bad_direction,
                                                        "OUTPUT": "memory:"})


@pytest.mark.parametrize("value", ["ja", "yes", "1", "true", "wahr", "FT"])
def test_one_way_spellings(tmp_path, value):
    # Parkstraße one-way C -> D only (digitised C -> D): the detour A -> B cannot use it ...
    roads = [(dict(p, oneway=value if p["name"] == "Parkstraße" else "nein"), c) for p, c in CORNERS]
    result = find_detour(network_for(geojson_layer(tmp_path, roads)), Closure(HAUPT, "full_closure"))
    assert result.direction == "backward" and result.opposite.route is None  # ... only B -> A can


def test_unknown_one_way_value_stops_with_the_accepted_ones(tmp_path):
    roads = [(dict(p, oneway="vielleicht" if p["name"] == "Parkstraße" else "0"), c) for p, c in CORNERS]
    with pytest.raises(UnknownValueError) as caught:
        network_for(geojson_layer(tmp_path, roads))
    assert "vielleicht" in str(caught.value) and "nein" in str(caught.value) and "FT" in caught.value.accepted


@pytest.mark.parametrize("maxspeed, kmh", [("30", 30.0), ("30 mph", 48.28032), ("DE:urban", 50.0), ("walk", 7.0),
                                           ("DE:zone30", 30.0)])
def test_osm_field_names_and_speeds_without_mapping(tmp_path, maxspeed, kmh):
    roads = [({"Name": p["name"], "MAXSPEED": maxspeed, "OneWay": "no"}, c) for p, c in CORNERS]
    network = network_for(geojson_layer(tmp_path, roads))
    assert network.warnings == []
    assert network.time_s[0] == pytest.approx(network.length_m[0] / (kmh / 3.6))
    assert find_detour(network, Closure(HAUPT, "full_closure")).closed_length_m == pytest.approx(100.0)


def test_missing_speed_field_means_default_speed_with_a_warning(tmp_path):
    roads = [({"strassenname": p["name"], "einbahn": "nein"}, c) for p, c in CORNERS]
    network = network_for(geojson_layer(tmp_path, roads))
    assert network.time_s[0] == pytest.approx(network.length_m[0] / (50 / 3.6))
    assert len(network.warnings) == 1 and "speed" in network.warnings[0]
    assert find_detour(network, Closure(HAUPT, "full_closure")).closed_length_m == pytest.approx(100.0)


def test_unnoded_network_is_noded(tmp_path):
    # three long east-west and three north-south streets crossing without a shared vertex
    roads = ([({"name": f"Ost{i}"}, [(-100, 100 * i), (300, 100 * i)]) for i in range(3)]
             + [({"name": f"Nord{i}"}, [(100 * i, -100), (100 * i, 300)]) for i in range(3)])
    network = network_for(geojson_layer(tmp_path, roads))
    assert network.noded and len(network.crossings) == 9 and any("not noded" in w for w in network.warnings)
    result = find_detour(network, Closure(LineString([at(110, 100), at(190, 100)]), "full_closure"))
    assert (result.start_xy, result.end_xy) == (at(100, 100), at(200, 100))
    assert result.length_m == pytest.approx(300.0)
    never = network_for(geojson_layer(tmp_path, roads, "again"), node="never")
    assert not never.noded and any("cross without a shared vertex" in w for w in never.warnings)
    with pytest.raises(NoDetourError):
        find_detour(never, Closure(LineString([at(110, 100), at(190, 100)]), "full_closure"))


def test_a_bridge_over_a_noded_network_stays_a_bridge(tmp_path):
    # a noded 4 x 4 grid (100 m blocks, a vertex at every junction) and a bridge crossing its first street
    roads = [({"name": f"Ost{j}"}, [(100 * i, 100 * j), (100 * i + 100, 100 * j)]) for j in range(4) for i in range(3)]
    roads += [({"name": f"Nord{i}"}, [(100 * i, 100 * j), (100 * i, 100 * j + 100)]) for i in range(4) for j in range(3)]
    roads += [({"name": "Brücke"}, [(50, -50), (50, 50)])]
    network = network_for(geojson_layer(tmp_path, roads))
    assert not network.noded and len(network.crossings) == 1
    assert any("cross without a shared vertex" in w for w in network.warnings)
    assert find_detour(network, Closure(HAUPT, "full_closure")).length_m == pytest.approx(300.0)


def test_opposite_carriageway_is_not_closed(tmp_path):
    # a dual carriageway: eastbound at y=0, westbound 2 m north, joined at both ends
    roads = [({"name": "Allee", "oneway": "yes"}, [(0, 0), (200, 0)]),
             ({"name": "Allee", "oneway": "yes"}, [(200, 2), (0, 2)]),
             ({"name": "Allee", "oneway": "no"}, [(-50, 1), (0, 1), (0, 0)]),
             ({"name": "Allee", "oneway": "no"}, [(0, 1), (0, 2)]),
             ({"name": "Allee", "oneway": "no"}, [(250, 1), (200, 1), (200, 0)]),
             ({"name": "Allee", "oneway": "no"}, [(200, 1), (200, 2)]),
             ({"name": "Süd", "oneway": "no"}, [(0, 0), (0, -100), (200, -100), (200, 0)])]
    network = network_for(geojson_layer(tmp_path, roads))
    eastbound = Closure(LineString([at(20, 0), at(180, 0)]), "full_closure")
    stretch = stretch_of(network, eastbound)
    assert {(tuple(network.xy[network.edge_from[e]]), tuple(network.xy[network.edge_to[e]]))
            for e in stretch.blocked} == {(at(0, 0), at(200, 0))}
    result = find_detour(network, eastbound)
    assert result.length_m == pytest.approx(400.0) and result.opposite is None  # via Süd
    westbound = find_detour(network, Closure(LineString([at(20, 0.5), at(180, 0.5)]), "full_closure",
                                             "backward"))
    assert (westbound.start_xy, westbound.end_xy) == (at(200, 1), at(0, 1))  # grown along Allee to the junctions
    assert westbound.length_m == pytest.approx(1 + 100 + 200 + 100 + 1)  # via Süd: the eastbound stays one-way
    west_stretch = stretch_of(network, Closure(LineString([at(20, 0.5), at(180, 0.5)]), "full_closure", "backward"))
    assert (tuple(network.xy[network.edge_from[next(iter(west_stretch.blocked))]]) != at(0, 0)
            and all(network.xy[network.edge_from[e]][1] >= Y0 + 1 for e in west_stretch.blocked))



def test_a_parallel_street_beside_the_closure_stays_open(tmp_path):
    # a service road 2 m north of Hauptstraße, joined to it at both junctions
    roads = CORNERS + [({"name": "Anliegerweg"}, [(0, 0), (5, 2), (95, 2), (100, 0)])]
    network = network_for(geojson_layer(tmp_path, roads))
    result = find_detour(network, Closure(HAUPT, "full_closure"))
    assert result.closed_length_m == pytest.approx(100.0)
    assert result.length_m == pytest.approx(2 * 29 ** 0.5 + 90)  # along the Anliegerweg, not round the block


def test_dead_end_is_said(tmp_path):
    roads = CORNERS + [({"name": "Sackgasse"}, [(100, 0), (200, 0)])]
    network = network_for(geojson_layer(tmp_path, roads))
    with pytest.raises(NoDetourError) as caught:
        find_detour(network, Closure(LineString([at(110, 0), at(190, 0)]), "full_closure"))
    assert caught.value.reason == "dead_end"
