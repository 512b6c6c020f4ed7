"""The plotly figure builders (aecore.plots.common): shapes, labels and the data they carry."""

from __future__ import annotations

import numpy as np
import pytest

from aecore.plots import common as figures


def test_image_grid_is_one_heatmap_with_a_row_per_input_row():
    rows = [np.zeros((5, 64)), np.ones((5, 64))]
    fig = figures.image_grid_figure(rows, (8, 8), ["original", "reconstruction"])
    assert len(fig.data) == 1 and fig.data[0].type == "heatmap"
    z = np.asarray(fig.data[0].z, dtype=float)
    assert z.shape == (2 * 8 + 1, 5 * 8 + 4)  # one-pixel gaps between tiles
    assert np.isnan(z[8]).all()  # the gap between the rows
    assert list(fig.layout.yaxis.ticktext) == ["original", "reconstruction"]
    assert fig.layout.yaxis.autorange == "reversed"


def test_image_grid_shares_one_grey_scale_across_rows():
    fig = figures.image_grid_figure([np.full((2, 4), 0.2), np.full((2, 4), 0.8)], (2, 2))
    assert (fig.data[0].zmin, fig.data[0].zmax) == pytest.approx((0.2, 0.8))


def test_cumulative_steps_continue_across_phases():
    assert figures.cumulative_steps([1, 2, 3, 1, 2, 1]).tolist() == [1, 2, 3, 4, 5, 6]


def test_history_steps_continue_across_phases():
    rows = [{"phase": "layer 1", "step": 10}, {"phase": "layer 1", "step": 20}, {"phase": "layer 2", "step": 10}]
    assert figures.history_steps(rows).tolist() == [10, 20, 30]
    assert figures.history_steps([{"epoch": 1}]) is None


def test_loss_curve_has_step_train_and_validation_traces_in_the_variant_colour():
    epochs = [{"epoch": e, "step": 10 * e, "train_loss": 1 / e, "val_loss": 1.1 / e} for e in range(1, 4)]
    fig = figures.loss_curve_figure(epochs, list(range(1, 31)), [1.0] * 30, colour="#E45756")
    names = [t.name for t in fig.data]
    assert names == ["loss per step", "train (epoch mean)", "validation"]
    assert fig.data[1].line.color == "#E45756"
    assert list(fig.data[1].x) == [10, 20, 30]


def test_loss_curve_without_validation_or_steps():
    fig = figures.loss_curve_figure([{"train_loss": 1.0, "val_loss": None}], labels={"epoch": "轮"})
    assert [t.name for t in fig.data] == ["train (epoch mean)"]
    assert fig.layout.xaxis.title.text == "轮"


def test_long_step_curves_are_decimated():
    fig = figures.loss_curve_figure([{"step": 5000, "train_loss": 1.0, "val_loss": None}], list(range(1, 5001)),
                                    list(np.linspace(2, 1, 5000)))
    assert len(fig.data[0].x) <= figures.MAX_CURVE_POINTS


def test_diabolo_labels_each_layer_with_its_width_and_marks_the_code():
    fig = figures.diabolo_figure([784, 256, 2, 256, 784], ["in", "h", "code", "h", "out"], code_colour="#E45756")
    widths = [a.text for a in fig.layout.annotations if a.text.startswith("<b>")]
    assert widths == ["<b>784</b>", "<b>256</b>", "<b>2</b>", "<b>256</b>", "<b>784</b>"]
    bars = [t for t in fig.data if t.hovertemplate]
    assert [b.fillcolor for b in bars].count("#E45756") == 1
    heights = [max(b.y) for b in bars]
    assert heights[2] < heights[1] < heights[0]  # the narrow waist


def test_diabolo_needs_two_layers():
    with pytest.raises(ValueError, match="at least two layers"):
        figures.diabolo_figure([16])


def test_latent_scatter_has_one_webgl_trace_per_class():
    z = np.random.default_rng(0).normal(size=(100, 2))
    y = np.arange(100) % 4
    fig = figures.latent_scatter_figure(z, y, ["a", "b", "c", "d"])
    assert [t.type for t in fig.data] == ["scattergl"] * 4
    assert [t.name for t in fig.data] == ["a", "b", "c", "d"]


def test_points_figure_joins_points_to_their_reconstructions():
    x = np.zeros((3, 2))
    fig = figures.points_figure(x, x + 1)
    assert len(fig.data) == 3 and len(fig.data[0].x) == 9  # 3 segments with NaN breaks


def test_multi_curve_figure_keeps_each_colour():
    fig = figures.multi_curve_figure([{"name": "a", "x": [1, 2], "y": [3, 2], "colour": "#111111"},
                                      {"name": "b", "x": [1, 2], "y": [4, 1], "colour": "#222222"}])
    assert [t.line.color for t in fig.data] == ["#111111", "#222222"]


def test_image_grid_margin_fits_its_longest_row_label():
    from aecore.plots.common import image_grid_figure, label_margin

    tiles = [np.zeros((2, 4)), np.zeros((2, 4))]
    short = image_grid_figure(tiles, (2, 2), ["original", "reconstruction"])
    long = image_grid_figure(tiles, (2, 2), ["original", "after fine-tuning"])
    assert short.layout.margin.l == 114 and long.layout.margin.l == 135 > short.layout.margin.l
    assert label_margin(["预训练后的堆叠"]) == 16 + 7 * 17 and label_margin(["x" * 100]) == 260  # CJK ~17 px, capped
    assert image_grid_figure(tiles, (2, 2)).layout.margin.l == 8


def test_image_grid_height_fits_the_tiles_at_the_column_width():
    from aecore.plots.common import COLUMN_PX, grid_height, image_grid_figure

    rows = [np.zeros((10, 784))] * 5  # five rows of ten 28×28 tiles: 289 × 289 data pixels with 1-px gaps
    free = image_grid_figure(rows, (28, 28), ["a"] * 5, tile_px=80)
    fitted = image_grid_figure(rows, (28, 28), ["a"] * 5, tile_px=80, width_px=COLUMN_PX)
    assert free.layout.height == round(144 * 80 / 28) + 12  # as tall as 80-px tiles would be
    left = fitted.layout.margin.l
    assert fitted.layout.height == round(144 * (COLUMN_PX - left - 8) / 289) + 12 < free.layout.height
    assert grid_height((10, 10), (8, 8), 40, 0, 10_000) == 50  # a wide column: the tile size wins
