"""Bad input, caches: a cached result never carries another folder's paths or messages."""

from __future__ import annotations

import warnings

from conftest import SEED

from helpers import corpus


def _messages(folder) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = corpus.load(folder)
    return [str(w.message) for w in caught] + loaded.notes["message"].tolist()


def test_two_folders_with_identical_files_keep_their_own_paths(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "doc.txt").write_bytes(SEED.read_bytes())
        (folder / "README.md").write_text("notes\n", encoding="utf-8")
    messages_first = _messages(first)
    assert any(str(first / "metadata.csv") in m for m in messages_first)
    for _ in range(2):  # the second folder's first load, then its cached load
        messages = _messages(second)
        assert any(str(second / "metadata.csv") in m for m in messages), messages
        assert any(str(second / "README.md") in m or "README.md" in m for m in messages), messages
        assert not [m for m in messages if str(first) in m], messages
    assert not [m for m in _messages(first) if str(second) in m]  # and the first folder, from its cache
