"""helpers.cache: keys follow every input, the code behind a stage (imports included) and library versions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import cache, config


def _key_in_copy(package: Path, edit=None) -> str:
    """The tokens stage's code hash computed in a fresh process on a copy of the package (optionally edited)."""
    root = package.parent
    if edit:
        edit(package)
    out = subprocess.run(
        [sys.executable, "-c", "from helpers import cache; print(cache.code_hash('helpers.tokens.segmentation'))"],
        capture_output=True, text=True, check=True, cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    return out.stdout.strip()


def test_editing_the_sentence_ends_outside_tokens_changes_the_tokens_key(tmp_path):
    package = tmp_path / "helpers"
    shutil.copytree(config.ROOT / "helpers", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _key_in_copy(package)
    assert before == cache.code_hash("helpers.tokens.segmentation")  # the copy is the same code

    def add_comma(folder: Path) -> None:  # the comma made a sentence end, however STOPS is spelled
        path = folder / "punctuation.py"  # its home, imported by corpus.sentences, which tokens.table imports
        text = path.read_text(encoding="utf-8")
        edited = re.sub(r"^STOPS = (.+)$", r'STOPS = \1 + "，"', text, count=1, flags=re.MULTILINE)
        assert edited != text
        path.write_text(edited, encoding="utf-8")

    after = _key_in_copy(package, add_comma)
    assert after != before


def test_the_tokens_stage_depends_on_sentence_ends_and_lexicon_parsing():
    seen = cache._imports("helpers.tokens.table", cache._module_file("helpers.tokens.table"))
    assert "helpers.corpus.sentences" in seen
    assert "helpers.punctuation" in cache._imports("helpers.corpus.sentences",
                                                   cache._module_file("helpers.corpus.sentences"))
    # transitively, segmentation reaches the lexicon parser and the sentence ends
    digest_all = cache.code_hash("helpers.tokens.segmentation")
    assert digest_all != cache.code_hash("helpers.tokens.risk")


def test_unknown_module_is_an_error():
    with pytest.raises(ValueError, match="not a module of the workspace"):
        cache.code_hash("helpers.no_such_module")


def test_write_read_roundtrip_and_failures_are_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    table = pd.DataFrame({"a": [1, 2], "b": ["甲", "乙"]})
    key = cache.key(["x"], code=["helpers.cache"], libraries=["pandas"])
    assert cache.read("demo", key, ["t"]) is None
    cache.write("demo", key, {"t": table})
    pd.testing.assert_frame_equal(cache.read("demo", key, ["t"])["t"], table)
    # a damaged entry is rebuilt, with a warning
    (tmp_path / "demo" / key / "t.parquet").write_bytes(b"not parquet")
    with pytest.warns(cache.CacheWarning, match="could not be read"):
        assert cache.read("demo", key, ["t"]) is None
    # a cache folder that cannot be written is reported, not swallowed
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("SPEECHES_CACHE", str(blocked))
    with pytest.warns(cache.CacheWarning, match="could not write"):
        cache.write("demo", key, {"t": table})


def test_keys_differ_by_inputs_and_libraries():
    one = cache.key(["a", b"b"], code=["helpers.cache"], libraries=["pandas"])
    assert one == cache.key(["a", b"b"], code=["helpers.cache"], libraries=["pandas"])
    assert one != cache.key(["ab"], code=["helpers.cache"], libraries=["pandas"])  # parts are length-prefixed
    assert one != cache.key(["a", b"b"], code=["helpers.cache"], libraries=["pandas", "numpy"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cache.code_hash("helpers.corpus.loader")


def test_digest_hashes_the_parts_as_the_key_does():
    """``digest`` (a corpus' identity) over the parts alone: each part length-prefixed, code and versions not in it."""
    assert cache.digest(["ab", "c"]) != cache.digest(["a", "bc"])
    assert cache.digest(["科技", b"\x00"]) == cache.digest([b"\xe7\xa7\x91\xe6\x8a\x80", b"\x00"])
    assert len(cache.digest(["x"])) == 64
    assert cache.key(["x"], code=(), libraries=()) != cache.key(["x"], code=(), libraries=("pandas",))


def _imports_by_full_walk(name: str, path: Path) -> set[str]:
    """The reference: every Import/ImportFrom node of the module's whole syntax tree."""
    import ast

    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module or ""
            found |= {target} | {f"{target}.{alias.name}" for alias in node.names}
    return {m for m in found if cache._module_file(m) is not None}


def test_the_import_scanner_finds_what_a_full_syntax_walk_finds_in_every_module():
    root = Path(cache.__file__).resolve().parent
    modules = sorted(root.rglob("*.py"))
    assert len(modules) > 150
    for path in modules:
        parts = ("helpers", *path.relative_to(root).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        assert cache._imports(name, path) == _imports_by_full_walk(name, path), name


def test_the_import_scanner_reads_indented_multiline_and_commented_imports(tmp_path):
    source = ('"""Doc."""\n'
              "from helpers.config import (\n    cache_dir,  # a comment\n    FIGURES_DIR,\n)\n"
              "def f():\n    from helpers import lexicon  # inside a function\n    import helpers.fonts\n"
              "x = 'import this'\n")
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    # "from helpers import lexicon" imports the package too
    assert cache._imports("helpers.probe", path) == {"helpers", "helpers.config", "helpers.lexicon", "helpers.fonts"}


def test_remembered_bytes_are_computed_once_per_input_and_a_blocked_cache_still_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    calls = []

    def make(value: bytes):
        return lambda: calls.append(value) or value * 2

    assert cache.remembered("demo-bytes", ["a", b"\x00\x01"], make(b"xy")) == b"xyxy"
    assert cache.remembered("demo-bytes", ["a", b"\x00\x01"], make(b"zz")) == b"xyxy"  # read back, not recomputed
    assert cache.remembered("demo-bytes", ["b", b"\x00\x01"], make(b"zz")) == b"zzzz"  # another input
    assert calls == [b"xy", b"zz"]
    assert [p.name.startswith(".") for p in (tmp_path / "demo-bytes").iterdir()] == [False, False]  # no staging left
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("SPEECHES_CACHE", str(blocked))
    with pytest.warns(cache.CacheWarning, match="could not write"):
        assert cache.remembered("demo-bytes", ["c"], make(b"q")) == b"qq"
