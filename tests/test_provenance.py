"""helpers.provenance: what a report records about its run."""

from __future__ import annotations

from helpers import provenance


def test_record_lists_versions_files_and_parameters(seed):
    record = provenance.record(seed, top_n=30, corpus_dir=None)
    table = record.table
    assert set(table["kind"]) == {"python", "library", "corpus file", "lexicon", "parameter"}
    files = table[table["kind"] == "corpus file"].set_index("name")["value"]
    assert files["2024-06-24_xi_kejiqiangguo_qiushi.txt"].startswith("5bccccfcf45b")
    assert len(files["metadata.csv"]) == 64
    lexicons = set(table.loc[table["kind"] == "lexicon", "name"])
    assert {"policy_terms.txt", "stopwords_general.txt", "stopwords_policy.txt"} <= lexicons
    params = table[table["kind"] == "parameter"].set_index("name")["value"]
    assert params.to_dict() == {"top_n": "30", "corpus_dir": "None"}
    assert "not installed" not in set(table.loc[table["kind"] == "library", "value"])


def test_record_shows_whole_hashes_in_html(seed):
    html = provenance.record(seed)._repr_html_()
    assert "5bccccfcf45b2d7d0624515aa3a7ac160a40fb7e440da328863700eaeb0a7e7e" in html
