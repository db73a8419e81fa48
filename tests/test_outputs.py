"""helpers.outputs: atomic writes and byte-identical figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import outputs


def _figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    fig.subplots().plot([1, 2, 3], [3, 1, 2])
    return fig


def test_saved_png_is_byte_identical_across_saves(tmp_path):
    a = outputs.save_figure(_figure(), "a", tmp_path).read_bytes()
    b = outputs.save_figure(_figure(), "b", tmp_path).read_bytes()
    assert a == b
    assert a.startswith(b"\x89PNG") and b"Matplotlib" not in a


def test_table_is_utf8_with_bom_for_excel(tmp_path):
    path = outputs.save_table(pd.DataFrame({"term": ["科技"], "count": [3]}), "t", tmp_path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfterm,count\n")


def test_table_floats_differing_in_their_last_bits_are_written_alike(tmp_path, seed):
    # a real rate from the bundled speech, and the same number one unit in the last place away (as another
    # CPU's vectorised log or sum gives it)
    rate = seed.paragraphs["n_chars"].iloc[0] / seed.paragraphs["n_chars"].sum() * 1000
    nearby = float(np.nextafter(rate, np.inf))
    assert rate != nearby
    a = outputs.save_table(pd.DataFrame({"per_1k": [rate]}), "a", tmp_path).read_bytes()
    b = outputs.save_table(pd.DataFrame({"per_1k": [nearby]}), "b", tmp_path).read_bytes()
    assert a == b
    written = float(pd.read_csv(tmp_path / "a.csv", encoding="utf-8-sig")["per_1k"].iloc[0])
    assert abs(written - rate) <= abs(rate) * 1e-11  # twelve significant digits kept
    ints = outputs.save_table(pd.DataFrame({"count": [12345678901234]}), "c", tmp_path).read_text("utf-8-sig")
    assert "12345678901234" in ints  # integers are not rounded


def test_atomic_path_leaves_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "f.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), outputs.atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_written_files_are_readable_by_others(tmp_path):
    path = outputs.write_text(tmp_path / "x.txt", "x")
    assert path.stat().st_mode & 0o777 == 0o644


def test_save_returns_the_figure_and_writes_both(tmp_path):
    fig = _figure()
    assert outputs.save(fig, pd.DataFrame({"a": [1]}), "both", tmp_path) is fig
    assert sorted(p.name for p in tmp_path.iterdir()) == ["both.csv", "both.png"]


def test_a_saved_figure_is_shown_without_drawing_it_again_until_it_changes(tmp_path, monkeypatch):
    """A notebook saves each figure, then shows it: one rendering, the same bytes; a change renders it again."""
    from helpers import textplot

    fig = textplot.bars(pd.DataFrame({"term": ["科技", "人才"], "count": [3, 2]}), title="before")
    saves = []
    original = type(fig).savefig
    monkeypatch.setattr(type(fig), "savefig", lambda self, *a, **k: saves.append(1) or original(self, *a, **k))
    outputs.save(fig, None, "once", tmp_path)
    shown = outputs.png_bytes(fig)  # what the notebook's display asks for
    assert len(saves) == 1
    assert shown == (tmp_path / "once.png").read_bytes()
    fig.axes[0].set_title("after")
    assert outputs.png_bytes(fig) != shown and len(saves) == 2
