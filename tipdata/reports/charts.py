"""Charts of the multi-year series, drawn on the server with matplotlib.

The report must render on an air-gapped server and inside a PDF, so charts are not drawn by
JavaScript in the browser: each series becomes a small SVG (text drawn as paths, so the
figure needs no font at display time and Cyrillic titles survive) embedded as a ``data:`` URI
in the HTML page and the PDF alike. The matplotlib object API is used directly (no
``pyplot``): it keeps no global state, so concurrent requests cannot draw into each other's
figures.
"""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: never a GUI backend on a server

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from tipdata.indicators.types import Series

BAR = "#1f6f8b"  # unlike the page accent, so a chart is told apart from borders
MISSING = "#b8c2cc"


def series_svg(series: Series, *, width: float = 6.0, height: float = 2.6) -> str:
    """The series as a bar chart in SVG: one bar per year, missing years marked "n/a"."""
    from django.utils.translation import gettext as _

    years = [year for year, _value in series.points]
    values = [float(value) if value is not None else 0.0 for _year, value in series.points]
    figure = Figure(figsize=(width, height), dpi=100)
    axes = figure.add_subplot()
    colours = [BAR if value is not None else MISSING for _year, value in series.points]
    bars = axes.bar([str(y) for y in years], values, color=colours, width=0.6)
    labels = [_format(value) if value is not None else _("n/a") for _y, value in series.points]
    axes.bar_label(bars, labels=labels, padding=2, fontsize=8)
    axes.set_title(series.title, fontsize=10, loc="left")
    axes.set_ylabel(series.unit, fontsize=8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes.tick_params(labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylim(0, max(values, default=0) * 1.2 or 1)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def data_uri(svg: str) -> str:
    """An SVG as a ``data:`` URI for an ``<img>``: no extra request, no file on disk."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _format(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"
