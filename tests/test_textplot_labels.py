"""helpers.textplot.labels: labels never overlap, keep their order, stay within the axis, on many labels and on ties."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from helpers import textstat, tokens
from helpers.errors import ParameterError
from helpers.textplot.labels import arrange, text_inches

EPS = 1e-9


@pytest.fixture(scope="module")
def words(seed) -> list[str]:
    """The 120 most frequent words of the bundled speech (real labels of real widths)."""
    return textstat.frequency(tokens.segment(seed.paragraphs, stopword_lists=("general", "policy")))["term"].head(
        120).tolist()


def _check_slide(anchors, sizes, placed, low=-np.inf, high=np.inf) -> None:
    order = sorted(range(len(anchors)), key=lambda i: anchors[i])  # ties in the order given
    assert list(np.argsort(placed, kind="stable")) == order  # the order kept
    sizes = np.broadcast_to(np.asarray(sizes, dtype=float), (len(anchors),))
    for a, b in itertools.pairwise(order):
        assert placed[b] - placed[a] >= (sizes[a] + sizes[b]) / 2 - EPS  # never overlap
    assert placed.min() >= low - EPS and placed.max() <= high + EPS  # within the axis


def test_slide_keeps_order_and_spacing_within_the_axis_on_many_labels():
    rng = np.random.default_rng(7)
    anchors = np.round(rng.uniform(0, 10, 300), 1).tolist()  # many ties among 300 labels
    placed = arrange(anchors, 0.03, how="slide", within=(0, 10))
    _check_slide(anchors, 0.03, placed, 0, 10)
    crowded = rng.uniform(9, 10, 50).tolist()  # bunched at the top: pushed down below the top
    placed = arrange(crowded, 0.1, how="slide", within=(0, 10))
    _check_slide(crowded, 0.1, placed, 0, 10)
    assert placed.max() == pytest.approx(10)


def test_slide_leaves_labels_that_have_room_where_they_are_and_spaces_ties_in_the_order_given():
    assert arrange([3.0, 1.0, 2.0], 0.5, how="slide", within=(0, 4)).tolist() == [3.0, 1.0, 2.0]
    assert arrange([0.5, 0.5, 0.5], 0.2, how="slide", within=(0, 1)).tolist() == pytest.approx([0.5, 0.7, 0.9])
    assert arrange([0.9, 0.95, 1.0], 0.2, how="slide", within=(0, 1)).tolist() == pytest.approx([0.6, 0.8, 1.0])
    assert arrange([-5.0, 0.0], 1.0, how="slide", within=(0, 4)).tolist() == [0.0, 1.0]  # raised to the axis
    assert arrange([], 1.0, how="slide").tolist() == []


def test_slide_with_a_size_per_label_keeps_each_pair_apart_by_half_their_sizes(words):
    sizes = [text_inches(w, 9) for w in words]
    anchors = [1.0] * 20 + list(np.linspace(0, 30, len(words) - 20))
    placed = arrange(anchors, sizes, how="slide", within=(0, 80))
    _check_slide(anchors, sizes, placed, 0, 80)


def test_slide_labels_that_cannot_fit_keep_their_spacing_and_run_below_the_axis():
    placed = arrange([1.0] * 12, 1.0, how="slide", within=(0, 10))
    assert placed.max() == pytest.approx(10) and np.diff(placed) == pytest.approx([1.0] * 11)


def _check_stack(centres, widths, rows) -> None:
    for r in set(rows.tolist()):
        same = [i for i in range(len(rows)) if rows[i] == r]
        for a, b in itertools.pairwise(same):  # never overlap within a row, in reading order
            assert centres[b] - widths[b] / 2 > centres[a] + widths[a] / 2
    ends: dict[int, float] = {}
    for i, (c, w) in enumerate(zip(centres, widths, strict=True)):  # each in the lowest row it clears
        assert all(c - w / 2 <= ends[r] for r in range(rows[i]))
        ends[rows[i]] = c + w / 2


def test_stack_puts_each_name_in_the_lowest_row_where_it_clears_its_neighbour(seed, words):
    bounds = textstat.section_bounds(seed.paragraphs)
    names = bounds["section"].astype(str).tolist()
    centres = ((bounds["start"] + bounds["end"]) / 2 * 9.5).tolist()
    widths = [text_inches(n, 8) for n in names]
    rows = arrange(centres, widths, how="stack")
    _check_stack(centres, widths, rows)
    assert rows.dtype.kind == "i" and rows.min() == 0
    # many names on a short axis, some at the same spot (ties): more rows, never an overlap
    centres = list(np.sort(np.round(np.linspace(0, 9.5, len(words)), 1)))
    widths = [text_inches(w, 8) for w in words]
    rows = arrange(centres, widths, how="stack")
    _check_stack(centres, widths, rows)
    assert rows.max() > 1
    apart = arrange([0.0, 5.0, 10.0], [1.0, 1.0, 1.0], how="stack")
    assert apart.tolist() == [0, 0, 0]


def test_push_separates_every_box_also_labels_on_the_same_spot(words):
    rng = np.random.default_rng(42)
    n = 60
    anchors = np.vstack([np.zeros((10, 2)), rng.uniform(-3, 3, (n - 10, 2))])  # ten on one spot
    sizes = np.array([[text_inches(w, 10), 10 / 72 * 1.2] for w in words[:n]])
    placed = arrange(anchors, sizes, how="push")
    assert placed.shape == (n, 2)
    gap = (sizes[:, None, :] + sizes[None, :, :]) / 2 - np.abs(placed[:, None, :] - placed[None, :, :])
    overlapping = (gap[..., 0] > EPS) & (gap[..., 1] > EPS) & ~np.eye(n, dtype=bool)
    assert not overlapping.any()
    crowd = arrange(np.zeros((40, 2)), sizes[:40], how="push")  # forty on one spot
    gap = (sizes[:40, None, :] + sizes[None, :40, :]) / 2 - np.abs(crowd[:, None, :] - crowd[None, :, :])
    assert not ((gap[..., 0] > EPS) & (gap[..., 1] > EPS) & ~np.eye(40, dtype=bool)).any()
    lone = arrange(np.array([[1.0, 2.0]]), np.array([[1.0, 1.0]]), how="push")
    assert lone.tolist() == [[1.0, 2.0]]
    apart = np.array([[0.0, 0.0], [5.0, 5.0]])
    assert arrange(apart, np.ones((2, 2)), how="push").tolist() == apart.tolist()  # no overlap: not moved


def test_arrange_is_deterministic():
    anchors = [0.5] * 5 + [0.2, 0.9]
    assert arrange(anchors, 0.1, how="slide", within=(0, 1)).tolist() == \
        arrange(anchors, 0.1, how="slide", within=(0, 1)).tolist()
    points = np.zeros((8, 2))
    assert np.array_equal(arrange(points, np.ones((8, 2)), how="push"), arrange(points, np.ones((8, 2)), how="push"))


@pytest.mark.parametrize(("options", "named"), [
    ({"how": "repel"}, "how"), ({"iterations": 0}, "iterations"), ({"how": "push", "iterations": 1.5}, "iterations"),
    ({"within": (1.0, 0.0)}, "within"),
])
def test_bad_options_raise_a_parameter_error_naming_them(options, named):
    with pytest.raises(ParameterError, match=named):
        arrange([0.0, 1.0], 1.0, **options)


def test_a_negative_size_is_refused():
    with pytest.raises(ParameterError, match="sizes"):
        arrange([0.0, 1.0], [1.0, -1.0], how="slide")


def test_text_inches_counts_chinese_characters_wider_than_latin_ones():
    assert text_inches("科技", 8) > text_inches("ab", 8) > text_inches("", 8) == pytest.approx(0.08)
    assert text_inches("第一", 16) - 0.08 == pytest.approx(2 * (text_inches("第一", 8) - 0.08))
