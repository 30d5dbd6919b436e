"""The typical week as a chart (median line, band up to the 90th percentile) with the quietest window marked,
as PNG bytes for the report and the dock. matplotlib's Agg canvas only: no GUI backend is touched."""
import io
from typing import Dict, Optional

import numpy as np

from .analysis_window import HourlyProfile, QuietWindow
from .exchange_text import tr

DAY_HOURS = 24
WEEK_HOURS = 7 * DAY_HOURS


def chart_labels() -> Dict[str, str]:
    """Texts of the chart in the user's language (the report passes its own, in German)."""
    return {"title": tr("Typical week at {station}"), "title_plain": tr("Typical week"), "ylabel": tr("Vehicles per hour"),
            "median": tr("Median"), "p90": tr("90th percentile"), "window": tr("Quietest window"),
            "days": tr("Mon,Tue,Wed,Thu,Fri,Sat,Sun")}


def week_position(moment) -> float:
    """Hours since Monday 00:00 of the moment's own (local) time."""
    return moment.weekday() * DAY_HOURS + moment.hour + moment.minute / 60.0


def window_spans(window: QuietWindow):
    """(start, end) hour spans on the week axis, split where the window runs past Sunday midnight."""
    start = week_position(window.start)
    end = start + window.duration_h
    if end <= WEEK_HOURS:
        return [(start, end)]
    return [(start, float(WEEK_HOURS)), (0.0, end - WEEK_HOURS)]


def profile_chart_png(profile: HourlyProfile, window: Optional[QuietWindow] = None, station: str = "",
                      labels: Optional[Dict[str, str]] = None, width_px: int = 1600, height_px: int = 600,
                      dpi: int = 200) -> bytes:
    """The chart as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = labels or chart_labels()
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    hours = np.arange(WEEK_HOURS + 1)
    median = np.append(profile.median.ravel(), profile.median.ravel()[0])  # steps back to Monday 00:00
    p90 = np.append(profile.p90.ravel(), profile.p90.ravel()[0])
    axes.fill_between(hours, median, p90, step="post", color="#9ecae1", alpha=0.6, label=labels["p90"])
    axes.step(hours, median, where="post", color="#08519c", linewidth=1.2, label=labels["median"])
    if window is not None:
        for n, (a, b) in enumerate(window_spans(window)):
            axes.axvspan(a, b, color="#31a354", alpha=0.3, label=labels["window"] if n == 0 else None)
    axes.set_xlim(0, WEEK_HOURS)
    axes.set_ylim(bottom=0)
    axes.set_xticks(np.arange(0, WEEK_HOURS, DAY_HOURS) + DAY_HOURS / 2)
    axes.set_xticklabels(labels["days"].split(","))
    axes.set_xticks(np.arange(0, WEEK_HOURS + 1, DAY_HOURS), minor=True)
    axes.grid(True, which="minor", axis="x", color="#888888", linewidth=0.6)
    axes.tick_params(axis="x", which="major", length=0)
    axes.set_ylabel(labels["ylabel"])
    axes.set_title(labels["title"].format(station=station) if station else labels["title_plain"])
    axes.legend(loc="upper right", fontsize="small")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
