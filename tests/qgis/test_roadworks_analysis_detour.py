"""Detours with QGIS's network analysis: graph built by QgsVectorLayerDirector/QgsGraphBuilder from a road layer.

Hand-built network (metres, EPSG:25832, offset by X0/Y0):

    P(-50,150) ------------------------- Q(150,150)      outer road: W-P-Q-E, two-way
      |      D(0,100) ---- C(100,100)       |
      |        |              |             |
    W(-50,0) - A(0,0) ------ B(100,0) ---- E(150,0)
"""
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
from shapely.geometry import LineString

from herzlich_digital_plugin.roadworks.detour_closures import Closure
from herzlich_digital_plugin.roadworks.detour_errors import MissingFieldsError, NoDetourError, RoadLayerError
from herzlich_digital_plugin.roadworks.detour_fields import RoadFields
from herzlich_digital_plugin.roadworks.detour_graph import clear_cache, network_for
from herzlich_digital_plugin.roadworks.detour_route import find_detour

X0, Y0 = 400000.0, 5400000.0
P = {"A": (0, 0), "B": (100, 0), "C": (100, 100), "D": (0, 100), "W": (-50, 0), "E": (150, 0),
     "P": (-50, 150), "Q": (150, 150)}
ROADS = [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("W", "A"), ("B", "E"), ("W", "P"), ("P", "Q"),
         ("Q", "E")]
CLOSE_AB = LineString([(X0 + 10, Y0), (X0 + 90, Y0)])


def xy(name):
    return (X0 + P[name][0], Y0 + P[name][1])


def layer(oneway=None, field_type="integer", names=("name", "oneway", "speed_limit"), speed=50, crs="EPSG:25832",
          roads=ROADS):
    """A memory road layer; ``oneway``: {(a, b): value} for the roads listed (others get 0/'no')."""
    name_f, oneway_f, speed_f = names
    uri = f"LineString?crs={crs}&field={name_f}:string&field={oneway_f}:{field_type}&field={speed_f}:integer"
    out = QgsVectorLayer(uri, "roads", "memory")
    features = []
    for a, b in roads:
        feature = QgsFeature(out.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*xy(a)), QgsPointXY(*xy(b))]))
        default = 0 if field_type == "integer" else "no"
        feature.setAttributes([a + b, (oneway or {}).get((a, b), default), speed])
        features.append(feature)
    out.dataProvider().addFeatures(features)
    return out


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.mark.parametrize("engine", ["astar", "qgis"])
def test_closing_one_edge_of_the_ring_detours_over_the_rest(engine):
    network = network_for(layer())
    result = find_detour(network, Closure(CLOSE_AB, "full_closure"), engine=engine)
    assert result.blocked and result.start_xy == xy("A") and result.end_xy == xy("B")
    assert result.length_m == pytest.approx(300.0)  # A-D-C-B, by hand
    assert result.closed_length_m == pytest.approx(100.0)
    assert result.extra_m == pytest.approx(200.0)
    assert result.extra_time_s == pytest.approx(200.0 / (50 / 3.6))
    assert list(result.route.coords) == [xy("A"), xy("D"), xy("C"), xy("B")]


@pytest.mark.parametrize("digitised, value, expected", [
    (("C", "D"), 1, 600.0),  # only C -> D: the ring cannot be driven D -> C, the outer road is taken
    (("D", "C"), -1, 600.0),  # the same, digitised the other way round
    (("C", "D"), -1, 300.0),  # only D -> C: the ring works
    (("D", "C"), 1, 300.0),
])
def test_one_way_streets_are_respected(digitised, value, expected):
    roads = layer({digitised: value}, roads=[digitised if r == ("C", "D") else r for r in ROADS])
    result = find_detour(network_for(roads), Closure(CLOSE_AB, "full_closure"))
    assert result.length_m == pytest.approx(expected)  # 600 = A-W-P-Q-E-B: 50 + 150 + 200 + 150 + 50


@pytest.mark.parametrize("forward, backward", [("yes", "no"), ("FT", "B"), ("true", "false")])
def test_text_one_way_values(forward, backward):
    roads = layer({("C", "D"): forward, ("D", "A"): backward}, field_type="string")
    assert find_detour(network_for(roads), Closure(CLOSE_AB, "full_closure")).length_m == pytest.approx(600.0)


def test_mixed_one_way_spellings_are_normalised():
    roads = layer({("C", "D"): "yes", ("P", "Q"): "1", ("Q", "E"): "TF"}, field_type="string")
    # C->D only, P->Q only, E->Q only (TF: against the digitising direction Q->E): no way from A to B;
    # B to A still has one (B-C-D-A), so that direction comes first and A to B says it has none
    result = find_detour(network_for(roads), Closure(CLOSE_AB, "full_closure"))
    assert (result.start_xy, result.end_xy, result.direction) == (xy("B"), xy("A"), "backward")
    assert result.length_m == pytest.approx(300.0)
    none = result.opposite
    assert none.route is None and none.direction == "forward" and "no_detour" in none.notes
    assert "No detour can exist" in none.error and (none.start_xy, none.end_xy) == (xy("A"), xy("B"))


def test_a_detour_that_cannot_exist_says_so():
    roads = layer(roads=[r for r in ROADS if r not in (("C", "D"), ("P", "Q"))])
    with pytest.raises(NoDetourError) as caught:
        find_detour(network_for(roads), Closure(CLOSE_AB, "full_closure"))
    assert "no route from" in str(caught.value)
    with pytest.raises(NoDetourError) as dead:
        find_detour(network_for(roads), Closure(LineString([(X0 + 110, Y0), (X0 + 140, Y0)]), "full_closure"))
    assert dead.value.reason == "dead_end"


def test_restriction_types():
    network = network_for(layer())
    lane = find_detour(network, Closure(CLOSE_AB, "one_lane"))
    assert not lane.blocked and lane.extra_m == 0.0 and "not_blocking" in lane.notes
    assert lane.closed_length_m == pytest.approx(100.0)
    one_way = find_detour(network, Closure(CLOSE_AB, "lanes_one_direction", "backward"))
    assert (one_way.start_xy, one_way.end_xy) == (xy("B"), xy("A")) and one_way.length_m == pytest.approx(300.0)


def test_other_works_are_avoided():
    network = network_for(layer())
    other = Closure(LineString([(X0 + 100, Y0 + 10), (X0 + 100, Y0 + 90)]), "full_closure")  # B-C closed too
    result = find_detour(network, Closure(CLOSE_AB, "full_closure"), [other])
    assert result.length_m == pytest.approx(600.0) and result.avoided == 1
    narrowed = Closure(other.geom, "one_lane")  # B-C only counts double: 400 m equivalent still beats 600 m
    assert find_detour(network, Closure(CLOSE_AB, "full_closure"), [narrowed]).length_m == pytest.approx(300.0)
    jammed = find_detour(network, Closure(CLOSE_AB, "full_closure"), jammed=[other.geom])
    assert jammed.length_m == pytest.approx(600.0)  # 10 x dearer: the outer road wins


def test_start_and_end_points_replace_the_ends():
    network = network_for(layer())
    result = find_detour(network, Closure(CLOSE_AB, "full_closure"), start=(X0 - 45, Y0 + 2),
                         end=(X0 + 148, Y0 - 3))
    assert (result.start_xy, result.end_xy) == (xy("W"), xy("E"))
    assert result.length_m == pytest.approx(50 + 300 + 50)  # W-A-D-C-B-E
    assert result.closed_length_m == pytest.approx(200.0)  # W-A-B-E without the closure


def test_missing_fields_are_listed():
    roads = layer(names=("strasse", "richtung", "tempo"))
    with pytest.raises(MissingFieldsError) as caught:
        network_for(roads, RoadFields("street", "einweg", "kmh"))  # named by the user: they must exist
    assert caught.value.missing == ["street", "einweg", "kmh"]
    assert "einweg" in str(caught.value) and "richtung" in str(caught.value)
    mapped = network_for(roads, RoadFields("strasse", "richtung", "tempo"))
    assert find_detour(mapped, Closure(CLOSE_AB, "full_closure")).length_m == pytest.approx(300.0)
    without = network_for(roads, RoadFields("", "", ""))
    assert without.time_s[0] == pytest.approx(without.length_m[0] / (50 / 3.6))
    polygons = QgsVectorLayer("Polygon?crs=EPSG:25832&field=name:string", "areas", "memory")
    with pytest.raises(RoadLayerError):
        network_for(polygons)


def test_graph_is_cached_until_the_layer_changes():
    roads = layer()
    first = network_for(roads)
    assert network_for(roads) is first
    assert first.qgis_graph.edgeCount() == first.edge_count == 2 * len(ROADS)
    feature = QgsFeature(roads.fields())
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*xy("A")), QgsPointXY(*xy("C"))]))
    feature.setAttributes(["AC", 0, 50])
    roads.dataProvider().addFeatures([feature])
    second = network_for(roads)
    assert second is not first and second.edge_count == first.edge_count + 2


def test_layer_in_another_crs_is_transformed():
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_wgs = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"),
                                    QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    roads = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string&field=oneway:integer&field=speed_limit:integer",
                           "wgs", "memory")
    features = []
    for a, b in ROADS:
        feature = QgsFeature(roads.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([to_wgs.transform(QgsPointXY(*xy(a))),
                                                        to_wgs.transform(QgsPointXY(*xy(b)))]))
        feature.setAttributes([a + b, 0, 50])
        features.append(feature)
    roads.dataProvider().addFeatures(features)
    result = find_detour(network_for(roads), Closure(CLOSE_AB, "full_closure"))
    assert result.length_m == pytest.approx(300.0, abs=0.01)


def test_known_detour_around_the_demo_mannheimer_strasse():
    """Fahrbahnerneuerung Mannheimer Straße (one direction, towards the Nordtangente): traffic goes
    Fackelrondell - Maxstraße - Burgstraße - Nordtangente, as the demo's detour line says."""
    from herzlich_digital_plugin.democity.roadworks import roadworks_rows
    from herzlich_digital_plugin.democity.sizes import size_spec
    from herzlich_digital_plugin.democity.streets import build_network

    roads = QgsVectorLayer("LineString?crs=EPSG:25832&field=name:string&field=oneway:integer"
                           "&field=speed_limit:integer", "demo", "memory")
    features = []
    for road in build_network(size_spec("demo"), 7239).roads:
        feature = QgsFeature(roads.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in road.coords]))
        feature.setAttributes([road.name, road.oneway, road.speed_limit])
        features.append(feature)
    roads.dataProvider().addFeatures(features)
    works = next(r for r in roadworks_rows() if r["title"] == "Fahrbahnerneuerung Mannheimer Straße")
    result = find_detour(network_for(roads), Closure(works["geom"], works["restriction"]))
    # the corners, metres east/north of the demo centre (410400, 5477600), and the legs between them by hand
    legs = [140.0143, 130.0154, 200.2498, 205.2438, 350.1428, 330.8005]  # F-MX-B1-(-210,450)-NB-(150,645)-NM
    closed = [186.0108, 170.2939, 213.5509]  # Mannheimer Straße F-(200,360)-(330,470)-NM
    assert result.length_m == pytest.approx(sum(legs), abs=0.01)
    assert result.closed_length_m == pytest.approx(sum(closed), abs=0.01)
    assert result.extra_m == pytest.approx(sum(legs) - sum(closed), abs=0.01)
    assert LineString(result.route.coords).hausdorff_distance(LineString(
        [(410450.0, 5477850.0), (410310.0, 5477852.0), (410180.0, 5477850.0), (410190.0, 5478050.0),
         (410200.0, 5478255.0), (410550.0, 5478245.0), (410880.0, 5478222.0)])) < 1e-6
