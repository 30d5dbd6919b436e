"""Draws one datastream's time series on a matplotlib figure: the measured values, the typical weekday × hour
profile behind them (a band from the median to the 90th percentile) and the alert threshold. Local time
(Europe/Berlin, the same rule the profile uses); German labels through tr."""
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

import numpy as np

from ..core.sensorthings.profile import Profile, berlin_utc_offset_s
from ..sensors.layer_style import display_unit, property_label
from ..toolbelt.i18n import tr

SERIES_COLOUR, BAND_COLOUR, MEDIAN_COLOUR, ALERT_COLOUR = "#1f5fa8", "#f2a541", "#b86b00", "#d7191c"
BAND_STEP_S = 900  # the band is drawn on a 15-minute grid, so it shows where values are missing too
# a dock squeezed (or not shown yet) to a few pixels is fine: no warning in the QGIS log for it
warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)


@dataclass
class ChartData:
    title: str
    observed_property: str
    unit: str
    start_s: float  # the range shown (POSIX seconds)
    end_s: float
    times: np.ndarray  # POSIX seconds of the values
    values: np.ndarray  # NaN where the result is not a number
    profile: Optional[Profile] = None
    threshold: Optional[float] = None


def local_datetimes(times_s) -> list:
    """Naive datetimes of Berlin local time (matplotlib then shows the local clock)."""
    t = np.asarray(times_s, dtype=np.float64)
    local = t + berlin_utc_offset_s(t)
    return [datetime.fromtimestamp(float(x), tz=timezone.utc).replace(tzinfo=None) for x in local]


def band_grid(start_s: float, end_s: float, step_s: float = BAND_STEP_S) -> np.ndarray:
    first = np.floor(start_s / step_s) * step_s
    return np.arange(first, end_s + step_s, step_s, dtype=np.float64)


def draw(figure, data: Optional[ChartData], message: str = "") -> dict:
    """Redraw ``figure``; returns what was drawn (points, band cells) for the status line and the tests."""
    import matplotlib.dates as mdates

    figure.clear()
    axes = figure.add_subplot(111)
    drawn = {"points": 0, "band": 0, "threshold": False}
    if data is None:
        axes.set_axis_off()
        axes.text(0.5, 0.5, message or tr("Select a sensor on the map"), ha="center", va="center",
                  transform=axes.transAxes, color="#606060", wrap=True)
        figure.canvas.draw_idle()
        return drawn
    if data.profile is not None:
        grid = band_grid(data.start_s, data.end_s)
        median, p90 = data.profile.band(grid)
        if np.isfinite(median).any():
            x = local_datetimes(grid)
            axes.fill_between(x, median, p90, step="post", color=BAND_COLOUR, alpha=0.28, linewidth=0,
                              label=tr("Typical (median to 90th percentile)"))
            axes.step(x, median, where="post", color=MEDIAN_COLOUR, linewidth=0.9, linestyle="--",
                      label=tr("Typical median"))
            drawn["band"] = int(np.isfinite(median).sum())
    if len(data.times):
        axes.plot(local_datetimes(data.times), data.values, color=SERIES_COLOUR, linewidth=1.4,
                  label=tr("Measured"))
        drawn["points"] = int(np.isfinite(data.values).sum())
    if data.threshold is not None:
        axes.axhline(data.threshold, color=ALERT_COLOUR, linestyle=":", linewidth=1.2, label=tr("Alert threshold"))
        drawn["threshold"] = True
        low, high = axes.get_ylim()  # keep the threshold in view, with a little room beyond it
        room = 0.05 * max(high - low, abs(data.threshold), 1.0)
        axes.set_ylim(min(low, data.threshold - room), max(high, data.threshold + room))
    axes.set_title(data.title, fontsize=9)
    unit = f" ({display_unit(data.unit)})" if data.unit else ""
    axes.set_ylabel(property_label(data.observed_property) + unit, fontsize=8)
    axes.set_xlabel(tr("Time (local)"), fontsize=8)
    start, end = local_datetimes([data.start_s, data.end_s])
    axes.set_xlim(start, end)
    long_range = data.end_s - data.start_s > 2 * 86400
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m." if long_range else "%H:%M"))
    if long_range:
        axes.xaxis.set_major_locator(mdates.DayLocator())
    axes.tick_params(labelsize=7)
    axes.grid(True, color="#dddddd", linewidth=0.6)
    if drawn["points"] == 0:
        axes.text(0.5, 0.5, message or tr("No values in this range"), ha="center", va="center",
                  transform=axes.transAxes, color="#606060")
    handles, _ = axes.get_legend_handles_labels()
    if handles:
        axes.legend(loc="best", fontsize=7, framealpha=0.8)
    figure.canvas.draw_idle()
    return drawn
