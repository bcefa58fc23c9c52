"""Kernel-side record of every figure a notebook shows: its title, axis labels, legend.

`AUDIT` is put as a first cell into a notebook under test: it wraps matplotlib's
``print_figure`` (what the inline backend calls to turn a figure into the PNG a
browser shows) so that each figure is described as it is displayed. `REPORT`, a last
cell, prints the descriptions as one JSON line. `problems` reads that line and says
what a reader would miss.
"""

from __future__ import annotations

import json

AUDIT = '''\
import matplotlib.backend_bases as _backend_bases

_FIGURES_SHOWN = []
_print_figure = _backend_bases.FigureCanvasBase.print_figure


def _describe_axes(ax):
    series = [a for a in ax.lines + ax.collections if not str(a.get_label()).startswith("_child")]
    return {"title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "axis_on": bool(ax.axison), "image": bool(ax.images), "plotted": len(ax.lines) + len(ax.collections),
            "labels": sorted(str(a.get_label()) for a in series), "legend": ax.get_legend() is not None}


def _audited_print_figure(self, *args, **kwargs):
    fig = self.figure
    if not getattr(fig, "_course_audited", False):  # (an id() is reused once a closed figure is freed)
        fig._course_audited = True
        suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
        axes = [_describe_axes(ax) for ax in fig.axes if ax.get_visible() and not hasattr(ax, "_colorbar")]
        _FIGURES_SHOWN.append({"suptitle": suptitle, "axes": axes,
                               "legend": bool(fig.legends)})
    return _print_figure(self, *args, **kwargs)


_backend_bases.FigureCanvasBase.print_figure = _audited_print_figure
'''

REPORT = '''\
import json as _json
print("FIGURES " + _json.dumps(_FIGURES_SHOWN))
'''


def parse(text: str) -> list[dict]:
    """The figure descriptions in the printed output of `REPORT`."""
    line = next(line for line in text.splitlines() if line.startswith("FIGURES "))
    return json.loads(line[len("FIGURES "):])


def problems(figures: list[dict]) -> list[str]:
    """What each figure lacks: a title (its own or one per panel), axis labels on
    panels that show axes (not a picture with its axes off), a legend where a panel
    draws several labelled series (its own, the figure's, or that of a panel drawing
    the same series)."""
    found = []
    for n, fig in enumerate(figures):
        axes = fig["axes"]
        if not fig["suptitle"] and not any(ax["title"] for ax in axes):
            found.append(f"figure {n}: no title")
        for k, ax in enumerate(axes):
            where = f"figure {n}, panel {k} ({ax['title'] or fig['suptitle'] or 'untitled'})"
            if ax["axis_on"] and not ax["image"] and not (ax["xlabel"] and ax["ylabel"]):
                found.append(f"{where}: axis labels missing (x={ax['xlabel']!r}, y={ax['ylabel']!r})")
            # One legend may serve panels that draw the same series (same labels, same colours).
            shared = any(other["legend"] and other["labels"] == ax["labels"] for other in axes)
            if len(ax["labels"]) >= 2 and not (ax["legend"] or fig["legend"] or shared):
                found.append(f"{where}: {len(ax['labels'])} labelled series and no legend")
    return found
