"""helpers.corpus.devcorpus: the development texts with metadata from SOURCES.tsv."""

from __future__ import annotations

from helpers import config
from helpers.corpus import devcorpus


def test_metadata_rows_from_sources(extra_dir):
    rows = {r["doc_id"]: r for r in devcorpus.metadata_rows(extra_dir)}
    assert len(rows) == 7
    assert rows["2017-03-05_gwr-2017"]["speaker"] == "李克强"
    assert rows["2016-05-30_xi_build-world-st-power"]["genre"] == "speech"
    assert rows["2014-03-05_gwr-2014"]["genre"] == "government work report"


def test_extended_folder_copies_bytes_and_leaves_the_project_alone(extended_dir, extra_dir):
    names = sorted(p.name for p in extended_dir.glob("*.txt"))
    assert len(names) == 8
    for name in names:
        source = extra_dir / name if (extra_dir / name).exists() else config.CORPUS_DIR / name
        assert (extended_dir / name).read_bytes() == source.read_bytes()
    assert sorted(p.name for p in config.CORPUS_DIR.iterdir()) == [
        "2024-06-24_xi_kejiqiangguo_qiushi.txt", "metadata.csv"]
