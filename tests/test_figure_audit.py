"""The rules `tests/figure_audit.problems` applies to each figure the browser test shows."""

from tests.figure_audit import parse, problems


def _panel(**changes) -> dict:
    panel = {"title": "loss", "xlabel": "step", "ylabel": "loss", "axis_on": True, "image": False,
             "plotted": 2, "labels": ["plain", "residual"], "legend": True}
    return {**panel, **changes}


def _figure(*axes: dict, suptitle: str = "", legend: bool = False) -> dict:
    return {"suptitle": suptitle, "axes": list(axes), "legend": legend}


def test_a_titled_labelled_figure_with_its_legend_passes():
    assert problems([_figure(_panel())]) == []
    assert problems([_figure(_panel(title="", axis_on=False, image=True, xlabel="", ylabel="",
                                    labels=[]), suptitle="photographs")]) == []


def test_missing_title_labels_or_legend_are_named():
    assert problems([_figure(_panel(title=""))]) == ["figure 0: no title"]
    assert problems([_figure(_panel(ylabel=""))]) == [
        "figure 0, panel 0 (loss): axis labels missing (x='step', y='')"]
    assert problems([_figure(_panel(legend=False))]) == [
        "figure 0, panel 0 (loss): 2 labelled series and no legend"]


def test_one_legend_serves_panels_that_draw_the_same_series():
    assert problems([_figure(_panel(legend=False), _panel())]) == []
    other = _panel(labels=["a", "b"])
    assert problems([_figure(_panel(legend=False), other)]) == [
        "figure 0, panel 0 (loss): 2 labelled series and no legend"]


def test_parse_reads_the_report_line():
    assert parse('some output\nFIGURES [{"suptitle": "s", "axes": [], "legend": false}]\n') == [
        {"suptitle": "s", "axes": [], "legend": False}]
