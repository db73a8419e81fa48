"""The tokens dataset: the same tokens as tokens.segment, written chunk by chunk, keyed, resumed after a kill."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers import config, corpus, lexicon, textstat, tokens
from helpers.corpus import parquet
from helpers.corpus import stream as streaming
from helpers.tokens import dataset

ROOT = Path(__file__).resolve().parent.parent


def copies(source: Path, dest: Path, n: int) -> Path:
    """A corpus folder of ``n`` copies of each document of ``source`` (own doc_id and file each)."""
    dest.mkdir(parents=True)
    with open(source / config.METADATA_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for k in range(n):
        for row in rows:
            name = f"c{k:03d}_{row['file']}"
            shutil.copyfile(source / row["file"], dest / name)
            out.append({**row, "doc_id": f"c{k:03d}_{row['doc_id']}", "file": name})
    with open(dest / config.METADATA_FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)
    return dest


@pytest.fixture(scope="module")
def built(multi_dir, tmp_path_factory):
    stream = corpus.load(multi_dir, stream=True)
    return stream, dataset.build(stream, workers=2, chunk_bytes=20_000, progress=False,
                                 path=tmp_path_factory.mktemp("ds"))


def test_load_streams_when_asked_or_large(multi_dir, monkeypatch):
    on_disk = corpus.load(multi_dir, stream=True)
    assert isinstance(on_disk, corpus.Corpus) and on_disk.storage == "disk" and "on disk" in repr(on_disk)
    in_memory = corpus.load(multi_dir, cache=False)
    assert isinstance(in_memory, corpus.Corpus) and in_memory.storage == "memory" and "in memory" in repr(in_memory)
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1_000)
    assert corpus.load(multi_dir, cache=False).storage == "disk"


def test_segment_of_a_stream_is_a_dataset(multi_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    words = tokens.segment(corpus.load(multi_dir, stream=True).paragraphs)
    assert isinstance(words, tokens.TokenDataset)
    assert words.path.parent == tmp_path / "tokens-dataset"


def test_tokens_equal_the_in_memory_table(built, multi):
    _, data = built
    assert data.manifest["chunks"] > 2  # several chunks, so the chunk boundaries are exercised
    expected = tokens.segment(multi.paragraphs, cache=False)
    assert_frame_equal(data.to_pandas(), expected, check_dtype=False)
    assert len(data) == len(expected)


def test_documents_and_paragraphs_equal_the_corpus(built, multi):
    _, data = built
    # editions are found over the whole corpus, across chunks (the fixture's editions are in other chunks)
    assert_frame_equal(data.documents.drop(columns="n_words"), multi.documents, check_dtype=False)
    assert (multi.documents["edition_of"] != "").sum() >= 3
    edition_notes = data.table("notes")
    edition_notes = edition_notes[edition_notes["message"].str.contains("edition or duplicate")]
    expected_notes = multi.notes[multi.notes["message"].str.contains("edition or duplicate")]
    assert sorted(edition_notes["message"]) == sorted(expected_notes["message"])
    paras = data.query("SELECT * EXCLUDE (n_words) FROM paragraphs")
    order = {d: i for i, d in enumerate(multi.documents["doc_id"])}
    paras = paras.sort_values(["doc_id", "para_no"], key=lambda s: s.map(order) if s.name == "doc_id" else s)
    expected = multi.paragraphs.astype({"section": str})
    assert_frame_equal(paras.reset_index(drop=True), expected, check_dtype=False)
    assert data.sections() == list(multi.paragraphs["section"].cat.categories)
    import pyarrow as pa
    import pyarrow.parquet as pq

    date_type = pq.read_schema(data.path / "documents.parquet").field("date").type
    assert date_type in (pa.date32(), pa.timestamp("us"))  # types Spark reads (not nanosecond timestamps)


def test_every_reader_gets_the_token_columns_as_strings(built):
    """The chunks write doc_id, token and pos from dictionary arrays; a reader of the files sees strings."""
    import pyarrow as pa
    import pyarrow.dataset as pads

    _, data = built
    for name in ("tokens", "docterms"):
        schema = pads.dataset(str(data.path / name), format="parquet").schema
        assert all(schema.field(c).type == pa.string() for c in ("doc_id", "token", "pos")), (name, schema)
    first = next(data.chunks())
    assert first["token"].dtype == first["doc_id"].dtype == first["pos"].dtype != "category"


def test_positions_are_delta_encoded_and_read_back_exactly(built, multi):
    """token_no, start and end are stored as deltas (not dictionaries of unique values), and DuckDB reads them
    back as the in-memory table has them."""
    import pyarrow.parquet as pq

    _, data = built
    meta = pq.ParquetFile(data.path / "tokens" / "part-00000.parquet").metadata
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    for column in ("token_no", "start", "end"):
        encodings = meta.row_group(0).column(names.index(column)).encodings
        assert "DELTA_BINARY_PACKED" in encodings and "RLE_DICTIONARY" not in encodings, (column, encodings)
    assert "RLE_DICTIONARY" in meta.row_group(0).column(names.index("token")).encodings
    expected = tokens.segment(multi.paragraphs, cache=False)
    got = data.query('SELECT doc_id, token_no, start, "end" FROM tokens')
    merged = expected.merge(got, on=["doc_id", "token_no"], suffixes=("", "_disk"), validate="one_to_one")
    assert len(merged) == len(expected) == len(got)
    assert (merged["start"] == merged["start_disk"]).all() and (merged["end"] == merged["end_disk"]).all()


def test_the_dataset_is_keyed_by_its_inputs(multi_dir, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(multi_dir, folder)
    first = dataset.build(corpus.load(folder, stream=True), workers=1, progress=False, path=tmp_path / "ds")
    stamp = (first.path / "complete.json").stat().st_mtime_ns
    again = dataset.build(corpus.load(folder, stream=True), workers=1, progress=False, path=tmp_path / "ds")
    assert again.path == first.path and (again.path / "complete.json").stat().st_mtime_ns == stamp
    # stopword lists are applied when the dataset is read: the same files serve every choice of lists
    policy = dataset.build(corpus.load(folder, stream=True), stopword_lists=("general", "policy"), workers=1,
                           progress=False, path=tmp_path / "ds")
    assert policy.path == first.path and (policy.path / "complete.json").stat().st_mtime_ns == stamp
    general_tokens, policy_tokens = first.to_pandas(), policy.to_pandas()
    assert_frame_equal(policy_tokens, tokens.mark_stopwords(general_tokens, stopword_lists=("general", "policy")))
    assert policy_tokens["is_stop"].sum() > general_tokens["is_stop"].sum()
    policy_words = set(lexicon.stopwords("policy")) - set(lexicon.stopwords("general"))
    assert policy_words & set(textstat.frequency(first)["term"])
    assert not policy_words & set(textstat.frequency(policy)["term"])
    text = next(folder.glob("*.txt"))
    text.write_text(text.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    edited = dataset.build(corpus.load(folder, stream=True), workers=1, progress=False, path=tmp_path / "ds")
    assert edited.path != first.path


PROBE = """
import sys
from helpers import corpus
from helpers.tokens import dataset
dataset.build(corpus.load(sys.argv[1], stream=True), workers=1, chunk_bytes=1, progress=False, path=sys.argv[2])
"""


def test_a_second_build_of_the_same_dataset_waits_for_the_first(multi_dir, tmp_path):
    import fcntl

    stream = corpus.load(multi_dir, stream=True)
    out = tmp_path / "ds"
    where = out / dataset.dataset_key(stream.disk.store(chunk_bytes=1, path=out, workers=1), backend="rjieba")
    where.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(where / ".lock", "a") as lock:  # as if another notebook were building it
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c", PROBE, str(multi_dir), str(out)], env=env)
        time.sleep(3)
        assert proc.poll() is None and not list(where.glob("tokens/part-*.parquet"))  # waiting, writing nothing
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert proc.wait(timeout=120) == 0
    assert (where / "complete.json").is_file()
    assert dataset.build(stream, workers=1, chunk_bytes=1, progress=False, path=out).path == where


def test_a_killed_build_resumes_from_the_last_finished_chunk(multi_dir, tmp_path):
    folder = copies(multi_dir, tmp_path / "corpus", 25)  # 150 documents, one chunk each
    out = tmp_path / "ds"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-W", "ignore", "-c", PROBE, str(folder), str(out)], env=env)
    deadline = time.monotonic() + 120
    finished: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        finished = sorted(out.glob("*/tokens/part-*.parquet"))
        if len(finished) >= 3:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build ended before it could be interrupted"
    where = finished[0].parent.parent
    assert not (where / "complete.json").exists()
    done = {p.name: p.stat().st_mtime_ns for p in (where / "tokens").glob("part-*.parquet")}
    assert 3 <= len(done) < 150
    resumed = dataset.build(corpus.load(folder, stream=True), workers=1, chunk_bytes=1, progress=False, path=out)
    assert resumed.path == where and resumed.manifest["chunks"] == 150
    assert {p.name: p.stat().st_mtime_ns for p in (where / "tokens").glob("part-*.parquet")
            if p.name in done} == done  # the chunks finished before the kill were not written again
    assert not list(where.rglob(".*.tmp"))  # what the killed run was writing is cleared away
    expected = tokens.segment(corpus.load(folder, cache=False).paragraphs, cache=False)
    assert_frame_equal(resumed.to_pandas(), expected, check_dtype=False)
    assert pd.read_parquet(where / "vocab.parquet")["token"].is_unique


def test_dictionary_coverage_of_a_dataset(built, multi):
    _, data = built
    expected = tokens.dictionary_coverage(tokens.segment(multi.paragraphs, cache=False))
    assert_frame_equal(tokens.dictionary_coverage(data), expected, check_dtype=False)


def test_a_streamed_corpus_uses_the_dataset_already_built(multi_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(multi_dir, stream=True)
    words = tokens.segment(stream.paragraphs, stopword_lists=("general", "policy"))
    assert dataset.find(stream).path == words.path
    assert len(stream.documents) == len(words.documents)  # no second dataset with the default stopword lists
    assert [p.parent for p in (tmp_path / "tokens-dataset").glob("*/complete.json")] == [words.path]


def test_the_other_tables_of_a_streamed_corpus_equal_the_in_memory_ones(extended, extended_dir, tmp_path_factory,
                                                                      monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path_factory.mktemp("cache")))
    stream = corpus.load(extended_dir, stream=True)
    data = dataset.build(stream, workers=2, chunk_bytes=60_000, progress=False)
    assert data.manifest["chunks"] > 2
    assert len(stream.repairs) == len(extended.repairs) > 25  # the 2017 report alone has 27
    for name in ("set_aside", "list_items", "repairs"):
        assert_frame_equal(getattr(stream, name), getattr(extended, name), check_dtype=False)
    assert_frame_equal(stream.sentences.to_pandas(), extended.sentences.drop(columns="text"), check_dtype=False)
    paragraphs = data.table("paragraphs").drop(columns="text")
    assert_frame_equal(paragraphs.drop(columns="n_words"), extended.paragraphs.drop(columns="text"),
                       check_dtype=False, check_categorical=False)
    assert list(paragraphs["section"].cat.categories) == list(extended.paragraphs["section"].cat.categories)
    # a selection (named out of corpus order) comes back in corpus order, its documents' rows only
    pair, columns = extended.documents["doc_id"].iloc[[5, 2]].tolist(), ["doc_id", "para_no", "section", "n_chars"]
    expected = extended.paragraphs.loc[extended.paragraphs["doc_id"].isin(pair), columns].reset_index(drop=True)
    assert expected["doc_id"].iloc[0] == pair[1]
    assert_frame_equal(data.subset(doc_id=pair).table("paragraphs", columns), expected, check_dtype=False,
                       check_categorical=False)


def test_selected_documents_are_read_into_memory_as_in_a_load(extended, extended_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(extended_dir, stream=True)
    pair = extended.documents["doc_id"].iloc[[2, 5]].tolist()
    picked = stream.select(pair)
    assert picked.documents["doc_id"].tolist() == pair
    expected = extended.paragraphs[extended.paragraphs["doc_id"].isin(pair)].reset_index(drop=True)
    assert_frame_equal(picked.paragraphs, expected, check_categorical=False)
    with pytest.raises(corpus.CorpusError, match="no document nope"):
        stream.select(["nope"])


def test_docterms_and_word_counts_equal_a_group_by_of_the_tokens(built, multi):
    """``docterms`` (n and paragraphs per document and word) and ``n_words`` are the tokens' own counts."""
    _, data = built
    words = data.to_pandas()
    words = words[~words["token"].map(tokens.is_rule_stop)]
    expected = (words.groupby(["doc_id", "token", "pos", "is_stop"], observed=True)
                .agg(n=("para_no", "size"), paras=("para_no", "nunique")).reset_index()
                .sort_values(["doc_id", "token"]).reset_index(drop=True))
    got = data.query("SELECT doc_id, token, pos, is_stop, n, paras FROM docterms ORDER BY doc_id, token")
    assert len(got) > 1_000 and (got["paras"] > 1).any() and (got["paras"] < got["n"]).any()
    assert_frame_equal(got, expected, check_dtype=False)
    per_para = words.groupby(["doc_id", "para_no"]).size()
    paragraphs = data.table("paragraphs", ["doc_id", "para_no", "n_words"]).set_index(["doc_id", "para_no"])
    counted = per_para.reindex(paragraphs.index, fill_value=0)
    assert (paragraphs["n_words"] == counted).all() and paragraphs["n_words"].nunique() > 10
    assert data.documents.set_index("doc_id")["n_words"].to_dict() == words.groupby("doc_id").size().to_dict()


def test_queries_on_the_dataset_print_no_progress_bar(capfd):
    """DuckDB's own bar goes to standard output (into a notebook or a pipe reading JSON); it is switched off."""
    con = parquet.duckdb_connection()
    con.execute("SET progress_bar_time = 0")  # the bar would show at once, not after 2 s
    assert con.execute("SELECT count(*) FROM range(50000000) t(x) WHERE x % 7 = 3").fetchone()[0] == 7142857
    out, err = capfd.readouterr()
    assert out == "" and err == ""


FREED = """
import sys, time
from helpers.corpus import parquet

def rss():
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) // 1024 for line in handle if line.startswith("VmRSS"))

con = parquet.duckdb_connection()
before = rss()
con.execute("SELECT count(DISTINCT x::VARCHAR || 'abcdefghij') FROM range(20000000) t(x)").fetchone()
during = rss()
for _ in range(60):
    if rss() < before + 300:
        break
    time.sleep(0.5)
print(before, during, rss())
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads a process' resident size from /proc")
def test_memory_a_query_freed_goes_back_to_the_system_within_seconds():
    """A kernel does not keep its largest query's memory until its next query (measured without the setting:
    1,016 MB held after a query that took the process from 161 MB to 1,016 MB; with it, 209 MB)."""
    out = subprocess.run([sys.executable, "-c", FREED], capture_output=True, text=True, timeout=180,
                         cwd=config.ROOT, check=True).stdout
    before, during, after = map(int, out.split())
    assert during > before + 500  # the query did take memory
    assert after < before + 300


UNGUARDED = """
import sys
from helpers import corpus
from helpers.tokens import dataset
dataset.build(corpus.load(sys.argv[1], stream=True), workers=2, chunk_bytes=20_000, progress=False,
              path=sys.argv[2])
"""


def test_a_script_without_a_main_guard_fails_with_advice_instead_of_hanging(multi_dir, tmp_path):
    script = tmp_path / "unguarded.py"  # a file, not -c: spawned workers run a script file's code again
    script.write_text(UNGUARDED, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-W", "ignore", str(script), str(multi_dir), str(tmp_path / "ds")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert 'if __name__ == "__main__":' in proc.stderr
    assert not list((tmp_path / "ds").glob("*/complete.json"))


def test_two_documents_with_one_doc_id_are_refused_in_a_stream(tmp_path):
    """As corpus.load refuses them: within a chunk, across chunks (rows of two tables), and a file whose name
    is another document's doc_id."""
    import json

    text = "我们要坚持科技自立自强，加快建设科技强国。创新是引领发展的第一动力。"
    for name in ("a", "b"):
        folder = tmp_path / "tables"
        folder.mkdir(exist_ok=True)
        rows = [{"id": "r1", "title": f"{name}一", "content": text * 3}, {"id": f"{name}2", "content": text * 2}]
        (folder / f"{name}.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                              encoding="utf-8")
    for chunk_bytes in (100, 10_000_000):  # each table its own chunk; both in one
        with pytest.raises(corpus.CorpusError, match=r"r1.*unique|unique.*r1"):
            dataset.build(corpus.load(folder, stream=True), workers=1, progress=False, chunk_bytes=chunk_bytes,
                          path=tmp_path / f"ds{chunk_bytes}")
    named = tmp_path / "named"
    named.mkdir()
    (named / "x.txt").write_text(text, encoding="utf-8")
    (named / "y.txt").write_text(text + text, encoding="utf-8")
    (named / config.METADATA_FILE).write_text("doc_id,file,title,speaker,date,occasion,genre,source\n"
                                              "y,x.txt,标题,某人,2020-01-01,会议,讲话,\n", encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match="already used"):
        corpus.load(named, stream=True)


def test_a_jieba_build_is_never_returned_for_the_default_backend(multi_dir, tmp_path, monkeypatch):
    """find() matches the dataset's full key (corpus, backend, dictionary, code, libraries), not the corpus alone."""
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(multi_dir, stream=True)
    original = dataset.build(stream, backend="jieba", workers=1, progress=False)
    assert original.manifest["backend"] == "jieba"
    assert dataset.find(stream) is None
    assert dataset.find(stream, backend="jieba").path == original.path
    default = dataset.build(stream, workers=1, progress=False)
    assert default.path != original.path and default.manifest["backend"] == "rjieba"
    assert dataset.find(stream).path == default.path
    assert dataset.find(stream, backend="jieba").path == original.path


def _new_term(words: pd.DataFrame) -> str:
    """Two tokens of two Chinese characters that follow each other most often, joined (not yet a token)."""
    known = set(words["token"])
    cjk = words["token"].str.fullmatch(r"[\u4e00-\u9fff]{2}") & ~words["is_stop"]
    after = words.groupby(["doc_id", "para_no"])["token"].shift(-1)
    pairs = (words["token"] + after)[cjk & cjk.shift(-1, fill_value=False) & after.notna()]
    return next(term for term in pairs.value_counts().index if term not in known)


def test_editing_the_dictionary_file_rebuilds_the_dataset(multi_dir, tmp_path, monkeypatch):
    """The dictionary is a copy of the shipped lexicons (the shipped file is never edited)."""
    lexicons = tmp_path / "lexicons"
    shutil.copytree(config.LEXICON_DIR, lexicons)
    monkeypatch.setattr(config, "LEXICON_DIR", lexicons)
    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path / "cache"))
    stream = corpus.load(multi_dir, stream=True)
    before = dataset.build(stream, workers=1, progress=False)
    assert dataset.find(stream).path == before.path
    term = _new_term(before.to_pandas())
    with open(lexicons / "policy_terms.txt", "a", encoding="utf-8") as handle:
        handle.write(f"\n{term}\n")
    assert dataset.find(stream) is None
    after = dataset.build(stream, workers=1, progress=False)  # in this process, with the edited dictionary
    assert after.path != before.path and dataset.find(stream).path == after.path
    assert term in set(after.to_pandas()["token"])


def test_a_library_version_change_is_not_found(multi_dir, tmp_path, monkeypatch):
    from helpers import cache

    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    stream = corpus.load(multi_dir, stream=True)
    built_now = dataset.build(stream, workers=1, progress=False)
    assert dataset.find(stream).path == built_now.path
    monkeypatch.setattr(cache, "_versions", lambda libraries: "pyarrow=0.0.1")
    assert dataset.find(stream) is None


def test_a_dataset_answers_the_pandas_idioms_a_tokens_table_answers(built):
    """``data[data["doc_id"].isin(ids)]`` and ``data["token"].value_counts()`` mean on a dataset what they mean on a
    tokens table (so of_documents and dictionary_coverage have one body)."""
    _, data = built
    table = data.to_pandas()
    ids = list(data.documents["doc_id"].iloc[[1, 3]])
    picked = data[data["doc_id"].isin(ids)]
    assert isinstance(picked, tokens.TokenDataset) and sorted(picked.documents["doc_id"]) == sorted(ids)
    assert_frame_equal(picked.to_pandas(), table[table["doc_id"].isin(ids)].reset_index(drop=True),
                       check_dtype=False)
    assert data["token"].value_counts().to_dict() == table["token"].value_counts().to_dict()
    assert picked["pos"].value_counts().to_dict() == table.loc[table["doc_id"].isin(ids), "pos"].value_counts().to_dict()
    with pytest.raises(KeyError, match="not a document column"):
        data[data["token"].isin(["科技"])]
    with pytest.raises(KeyError, match="no such column"):
        data["nope"].value_counts()
