"""Why a detour cannot be computed, as exceptions with a translated message."""
from typing import Sequence

from .exchange_text import tr


class DetourError(Exception):
    """Base class: ``str(error)`` is the translated message, ``code`` says which case it is."""
    code = "detour"


class NoDetourError(DetourError):
    """The network offers no way around the closure."""
    code = "no_detour"

    def __init__(self, reason: str, **details):
        self.reason = reason  # "no_path", "dead_end", "no_ends", "start_blocked"
        self.details = details
        if reason == "dead_end":
            message = tr("No detour can exist: the closure reaches a dead end, so the road beyond it can only be "
                         "reached through the site.")
        elif reason == "no_ends":
            message = tr("No detour can exist: the closure does not leave the road network at two places (it "
                         "closes a loop or the whole connected network).")
        else:
            message = tr("No detour can exist: with the closure (and the other closures to avoid) there is no "
                         "route from {start} to {end} in the road network.").format(
                start=details.get("start", "?"), end=details.get("end", "?"))
        super().__init__(message)


class NotOnNetworkError(DetourError):
    """The closure's geometry lies on none of the network's roads."""
    code = "not_on_network"

    def __init__(self, distance_m: float, tolerance_m: float):
        self.distance_m = distance_m
        super().__init__(tr("The closure does not lie on the road network: the nearest road is {distance} m "
                            "away (at most {tolerance} m allowed). Draw it along a road of the chosen road "
                            "layer.").format(distance=f"{distance_m:.1f}", tolerance=f"{tolerance_m:g}"))


class SnapError(DetourError):
    """START or END lies too far from a junction the detour may use, or both snap to the same one."""
    code = "snap"

    def __init__(self, reason: str, snap_m: float, **details):
        self.reason, self.details = reason, details
        if reason == "same":
            message = tr("START and END lead to the same junction {xy}: give two different places.").format(
                xy=details.get("xy", "?"))
        else:
            message = tr("{which} lies more than {snap} m from the road network (the nearest junction outside "
                         "the closed stretch is {xy}, {distance} m away). Place it on a road of the road "
                         "layer.").format(which=details.get("which", "?"), distance=f"{details.get('distance', 0.0):.1f}",
                                          xy=details.get("xy", "?"), snap=f"{snap_m:g}")
        super().__init__(message)


class MissingFieldsError(DetourError):
    """The road layer lacks fields the detour needs; the GUI offers a field mapping for them."""
    code = "missing_fields"

    def __init__(self, layer_name: str, missing: Sequence[str], available: Sequence[str]):
        self.missing = list(missing)
        self.available = list(available)
        super().__init__(tr("The road layer {layer} lacks the fields {missing}. Map them to fields it has "
                            "({available}), or leave a field name empty to do without it (no one-way streets, "
                            "the default speed).").format(layer=layer_name, missing=", ".join(self.missing),
                                                          available=", ".join(self.available) or "-"))


class RoadLayerError(DetourError):
    """The road layer cannot be used at all (not a line layer, empty)."""
    code = "road_layer"
