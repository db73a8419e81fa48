"""helpers.provenance: what a report records about its run."""

from __future__ import annotations

import json
import warnings

import nbformat
import pytest

from helpers import config, corpus, provenance
from helpers.report.kernel import TABLE_MIME, table_data
from helpers.report.page import PROVENANCE_TAG, _corpus_line


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


def _pinned() -> list[str]:
    lines = (config.ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    names = [line.split("#")[0].split("==")[0].strip() for line in lines if "==" in line.split("#")[0]]
    return [name.split("[")[0].strip() for name in names]  # dask[dataframe] is the package dask


def test_every_pinned_package_is_recorded(seed):
    table = provenance.record(seed).table
    libraries = table.loc[table["kind"] == "library", "name"].tolist()
    pinned = _pinned()
    assert "wordfreq" in pinned and len(pinned) >= 20
    assert libraries == pinned


def test_libraries_skip_comments_and_need_the_file(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# --- pins ---\n# old==1.0\npandas==3.1.1   # tables\n\nscikit-learn == 1.9.1\n",
                            encoding="utf-8")
    assert provenance.libraries(requirements) == ("pandas", "scikit-learn")
    with pytest.raises(FileNotFoundError, match=r"missing\.txt is missing"):
        provenance.libraries(tmp_path / "missing.txt")


def test_a_report_run_records_the_published_folders(seed, monkeypatch):
    published = {"figures_dir": "/home/u/figures", "reports_dir": "/home/u/reports"}
    monkeypatch.setenv(provenance.FOLDERS_ENV, json.dumps(published))
    table = provenance.record(seed, corpus_dir=None, figures_dir="/home/u/.staging-figures-7-x", top_n=5).table
    params = table[table["kind"] == "parameter"].set_index("name")["value"].to_dict()
    assert params == {"corpus_dir": "None", "figures_dir": "'/home/u/figures'", "top_n": "5",
                      "reports_dir": "'/home/u/reports'"}



def test_a_report_summary_counts_every_document_of_a_long_provenance_table(tmp_path):
    """A page embeds the first rows of a long table only: the corpus line must still count every document and
    name the folder given (seen at 98 M: "3368 documents from the bundled corpus" for 6,011 in a folder)."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:03d}.txt").write_text(f"第{i}篇。我们要坚持稳中求进工作总基调。\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = corpus.load(folder, cache=False)
    table = provenance.record(loaded, corpus_dir=str(folder)).table
    documents = (table["kind"] == "corpus file") & (table["name"] != "metadata.csv")
    others = json.dumps(table[~documents].to_numpy().tolist(), ensure_ascii=False).encode()
    data = table_data(table, max_bytes=len(others) + 600)
    assert 0 < len(data["rows"]) - int((~documents).sum()) < 40 and data["n_rows"] == len(table)  # some files cut
    cell = nbformat.v4.new_code_cell("provenance.record(speeches)", metadata={"tags": [PROVENANCE_TAG]})
    cell.outputs = [nbformat.v4.new_output("execute_result", data={TABLE_MIME: data})]
    assert _corpus_line(nbformat.v4.new_notebook(cells=[cell])) == f"40 documents from {folder}"
