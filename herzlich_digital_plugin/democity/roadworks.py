"""A few roadworks on real streets of the centre.

Two of them, both on Mannheimer Straße, overlap in time and space (a conflict for the planning checks).
Dates sit around the demo's "today" (autumn 2026).
"""
from datetime import datetime, timedelta, timezone
from typing import List

import numpy as np

from .sizes import CENTRE
from .streets import core_street_coords

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))

# title, street, from/to fraction along it, status, restriction, lanes closed, speed, start, end, actual start,
# actual end, responsible body, contractor, order number, description, detour streets (names)
_WORKS = (
    ("Kanalsanierung Pariser Straße", "Pariser Straße", 0.15, 0.75, "active", "one_lane", 1, 30,
     datetime(2026, 9, 14, 7, 0, tzinfo=CEST), datetime(2026, 12, 18, 17, 0, tzinfo=CET),
     datetime(2026, 9, 14, 7, 30, tzinfo=CEST), None,
     "Stadtentwässerung Kaiserslautern AöR", "Tiefbau Becker GmbH", "VRA-2026-0412",
     "Erneuerung des Mischwasserkanals DN 800 in offener Bauweise, halbseitige Sperrung.", None),
    ("Fahrbahnerneuerung Mannheimer Straße", "Mannheimer Straße", 0.0, 0.6, "approved", "lanes_one_direction", 1, 30,
     datetime(2026, 11, 2, 7, 0, tzinfo=CET), datetime(2027, 3, 26, 17, 0, tzinfo=CET), None, None,
     "Referat Tiefbau, Stadt Kaiserslautern", "Straßenbau Pfalz GmbH & Co. KG", "VRA-2026-0457",
     "Deckenerneuerung stadtauswärts; Einbahnregelung Richtung Fackelrondell.", "nordtangente"),
    ("Leitungsverlegung SWK Mannheimer Straße", "Mannheimer Straße", 0.35, 0.95, "planned", "one_lane", 1, 30,
     datetime(2026, 11, 16, 7, 0, tzinfo=CET), datetime(2027, 1, 29, 16, 0, tzinfo=CET), None, None,
     "SWK Stadtwerke Kaiserslautern Versorgungs-AG", "Leitungsbau Westpfalz GmbH", "VRA-2026-0463",
     "Verlegung Fernwärme- und Wasserleitungen im Gehweg und in der rechten Fahrspur.", None),
    ("Glasfaserausbau Schillerstraße", "Schillerstraße", 0.1, 0.9, "active", "shoulder", 0, 30,
     datetime(2026, 10, 5, 7, 0, tzinfo=CEST), datetime(2026, 12, 4, 16, 0, tzinfo=CET),
     datetime(2026, 10, 6, 7, 0, tzinfo=CEST), None,
     "Referat Tiefbau, Stadt Kaiserslautern", "Netzbau Südwest GmbH", "VRA-2026-0389",
     "Glasfaserverlegung im Gehweg, Parkstreifen gesperrt.", None),
    ("Brückenprüfung Nordtangente", "Nordtangente", 0.55, 0.8, "planned", "one_lane", 1, 40,
     datetime(2027, 4, 12, 20, 0, tzinfo=CEST), datetime(2027, 4, 16, 5, 0, tzinfo=CEST), None, None,
     "Landesbetrieb Mobilität Kaiserslautern", "Ingenieurbüro Brückenbau Pfalz", "VRA-2027-0021",
     "Hauptprüfung nach DIN 1076, nachts, Sperrung je einer Fahrspur.", None),
    ("Erneuerung Lichtsignalanlage Burgstraße/Maxstraße", "Burgstraße", 0.35, 0.5, "completed", "one_lane", 1, 30,
     datetime(2026, 5, 4, 7, 0, tzinfo=CEST), datetime(2026, 6, 12, 16, 0, tzinfo=CEST),
     datetime(2026, 5, 4, 7, 0, tzinfo=CEST), datetime(2026, 6, 10, 15, 0, tzinfo=CEST),
     "Referat Tiefbau, Stadt Kaiserslautern", "Elektro Signaltechnik Kaiserslautern GmbH", "VRA-2026-0118",
     "Austausch der Signalgeber und Steuergeräte, Umstellung auf LED.", None),
)

UPDATED_AT = datetime(2026, 10, 30, 9, 15, tzinfo=CET)

# Detours, metres east/north of CENTRE: Fackelrondell - Maxstraße - Burgstraße - Nordtangente.
_DETOURS = {
    "nordtangente": [(50.0, 250.0), (-90.0, 252.0), (-220.0, 250.0), (-210.0, 450.0), (-200.0, 655.0),
                     (150.0, 645.0), (480.0, 622.0)],
}


def _substring(coords: np.ndarray, f0: float, f1: float):
    from shapely.geometry import LineString
    from shapely.ops import substring
    line = LineString(coords)
    return substring(line, f0, f1, normalized=True)


def roadworks_rows() -> List[dict]:
    """Rows for the roadworks table (ids 1..n)."""
    from shapely.geometry import LineString
    streets = core_street_coords()
    rows = []
    for i, w in enumerate(_WORKS, start=1):
        (title, street, f0, f1, status, restriction, lanes, speed, p0, p1, a0, a1, body, contractor, order,
         description, detour) = w
        geom = _substring(streets[street], f0, f1)
        detour_wkt = LineString(np.array(_DETOURS[detour]) + CENTRE).wkt if detour else None
        rows.append({
            "id": i, "title": title, "description": description, "planned_start": p0, "planned_end": p1,
            "actual_start": a0, "actual_end": a1, "status": status, "restriction": restriction,
            "lanes_closed": lanes, "speed_limit": speed, "responsible_body": body, "contractor": contractor,
            "contact": "Baustellenkoordination (Demo), baustellen@kaiserslautern.example",
            "order_number": order, "detour": detour_wkt, "notes": None, "external_id": None, "version": 1,
            "updated_at": UPDATED_AT, "geom": geom, "road_name": street,
            # Mannheimer Straße is drawn from the centre outwards, so "stadtauswärts" is its drawn direction.
            "direction": "forward" if restriction == "lanes_one_direction" else "both",
        })
    return rows
