"""helpers.export: the document-feature matrix and a report run's tables written for R, Stata, Excel and SciPy,
each read back (scipy.io.mmread, rdata.read_rds, pandas.read_stata, openpyxl) to the same numbers and names."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import rdata
import scipy.io
from scipy.sparse import csc_matrix

from helpers import export, textmodel, textstat, tokens
from helpers.errors import CorpusError, ParameterError
from helpers.export.workbook import sheet_names
from helpers.outputs import save_table

FILES = {"dfm.mtx", "features.csv", "docvars.csv", "dfm.rds", "dfm.dta", "dfm.xlsx"}


@pytest.fixture(scope="module")
def documents(multi):
    """The multi-document corpus (the bundled speech and reports built from it) by document, editions once."""
    return textmodel.dfm(tokens.segment(multi.paragraphs), corpus=multi)


@pytest.fixture(scope="module")
def paragraphs(seed):
    """The bundled speech with its paragraphs as documents."""
    return textmodel.dfm(tokens.segment(seed.paragraphs), by="para_no", corpus=seed)


@pytest.fixture(scope="module")
def written(documents, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export") / "out"
    return folder, export.dfm(documents, folder, top_n=40)


def _top(matrix, n):
    totals = np.asarray(matrix.matrix.sum(axis=0)).ravel()
    return np.argsort(-totals, kind="stable")[:n]


def test_files_written_are_listed_and_nothing_else(written):
    folder, files = written
    assert list(files.columns) == ["format", "path", "rows", "columns"]
    assert {p.name for p in folder.parent.iterdir()} == {"out"}  # nothing beside the folder
    assert {p.name for p in folder.iterdir()} == FILES == {Path(p).name for p in files["path"]}
    assert files["format"].tolist() == ["mtx", "mtx", "mtx", "rds", "dta", "xlsx"]


def test_mtx_reads_back(written, documents):
    folder, files = written
    back = scipy.io.mmread(folder / "dfm.mtx")
    assert back.shape == documents.shape and back.dtype.kind == "i"
    assert (csc_matrix(back) != documents.matrix).nnz == 0
    features = pd.read_csv(folder / "features.csv", encoding="utf-8-sig", keep_default_na=False)
    assert features["feature"].tolist() == documents.features and "科技" in documents.features
    assert features["column"].tolist() == list(range(1, len(documents.features) + 1))
    assert features["count"].tolist() == np.asarray(documents.matrix.sum(axis=0)).ravel().tolist()
    docvars = pd.read_csv(folder / "docvars.csv", encoding="utf-8-sig")
    assert docvars["docname"].tolist() == documents.docnames
    assert docvars["title"].tolist() == documents.docvars["title"].tolist()
    assert files.loc[0, "rows"] == len(documents.docnames) and files.loc[0, "columns"] == len(documents.features)


def test_rds_reads_back_to_the_sparse_matrix_and_docvars(written, documents):
    folder, _ = written
    back = rdata.read_rds(folder / "dfm.rds")
    assert list(back) == ["i", "p", "x", "Dim", "Dimnames", "docvars"]
    assert back["i"].dtype == np.int32 and back["p"].dtype == np.int32 and back["x"].dtype == np.float64
    rebuilt = csc_matrix((back["x"], back["i"], back["p"]), shape=tuple(back["Dim"]))
    assert (rebuilt != documents.matrix).nnz == 0
    assert list(back["Dimnames"][0]) == documents.docnames
    assert list(back["Dimnames"][1]) == documents.features
    docvars = back["docvars"]
    assert list(docvars.index) == documents.docnames
    assert docvars["title"].tolist() == documents.docvars["title"].tolist()
    assert docvars["year"].tolist() == documents.docvars["year"].tolist()
    assert docvars["is_first_edition"].tolist() == documents.docvars["is_first_edition"].tolist()


def test_rds_holds_r_integers_doubles_and_utf8_text(written):
    """The R objects themselves (before rdata converts them): i and p integer vectors, x double, Chinese text
    flagged UTF-8, so readRDS gives the right types and characters."""
    parsed = rdata.parser.parse_file(written[0] / "dfm.rds").object
    types = [element.info.type.name for element in parsed.value]
    assert types == ["INT", "INT", "REAL", "INT", "VEC", "VEC"]
    features = parsed.value[4].value[1].value
    chinese = [c for c in features if not c.value.isascii()]
    assert chinese and all(c.info.gp == rdata.parser.CharFlags.UTF8 for c in chinese)
    assert "科技" in {c.value.decode("utf-8") for c in chinese}


def test_dta_reads_back_with_feature_labels(written, documents):
    folder, files = written
    back = pd.read_stata(folder / "dfm.dta")
    with pd.read_stata(folder / "dfm.dta", iterator=True) as reader:
        labels = reader.variable_labels()
    top = _top(documents, 40)
    names = [f"f{k:04d}" for k in range(1, 41)]
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", c) for c in back.columns)
    assert [labels[n] for n in names] == [documents.features[j] for j in top]
    assert "科技" in {labels[n] for n in names}
    assert np.array_equal(back[names].to_numpy(), documents.matrix[:, top].toarray())
    totals = back[names].sum().to_numpy()
    assert (np.diff(totals) <= 0).all() and totals[-1] >= np.sort(
        np.asarray(documents.matrix.sum(axis=0)).ravel())[-41]
    assert back["docname"].tolist() == documents.docnames
    assert back["title"].tolist() == documents.docvars["title"].tolist()
    assert back["year"].tolist() == documents.docvars["year"].tolist()
    assert files.set_index("format").loc["dta", "columns"] == back.shape[1]


def test_xlsx_reads_back(written, documents):
    folder, _ = written
    book = openpyxl.load_workbook(folder / "dfm.xlsx", read_only=True)
    assert book.sheetnames == ["matrix", "features", "docvars"]
    rows = list(book["matrix"].iter_rows(values_only=True))
    top = _top(documents, 40)
    assert rows[0] == ("docname", *[documents.features[j] for j in top])
    assert [r[0] for r in rows[1:]] == documents.docnames
    assert np.array_equal(np.array([r[1:] for r in rows[1:]]), documents.matrix[:, top].toarray())
    features = list(book["features"].iter_rows(values_only=True))
    assert features[0] == ("feature", "column", "count", "docfreq", "rank", "stata_name")
    assert [f[0] for f in features[1:]] == documents.features
    first = features[1 + top[0]]
    assert first[4] == 1 and first[5] == "f0001"
    docvars = list(book["docvars"].iter_rows(values_only=True))
    title = docvars[0].index("title")
    assert [r[title] for r in docvars[1:]] == documents.docvars["title"].tolist()
    book.close()


def test_paragraphs_as_documents_in_every_format(paragraphs, tmp_path):
    """The speech's paragraphs as documents: all features in the .mtx and .rds, the top 100 in Stata and Excel."""
    files = export.dfm(paragraphs, tmp_path / "p", top_n=100)
    assert set(files.set_index("path")["rows"]) == {len(paragraphs.docnames), len(paragraphs.features)}
    back = rdata.read_rds(tmp_path / "p" / "dfm.rds")
    assert (csc_matrix((back["x"], back["i"], back["p"]), shape=tuple(back["Dim"])) != paragraphs.matrix).nnz == 0
    stata = pd.read_stata(tmp_path / "p" / "dfm.dta")
    top = _top(paragraphs, 100)
    assert np.array_equal(stata[[f"f{k:04d}" for k in range(1, 101)]].to_numpy(), paragraphs.matrix[:, top].toarray())
    assert (scipy.io.mmread(tmp_path / "p" / "dfm.mtx") != paragraphs.matrix).nnz == 0


def test_chinese_docvar_names_become_valid_stata_names_labelled(documents, tmp_path):
    matrix = textmodel.DocumentFeatureMatrix(documents.matrix, documents.docnames, documents.features,
                                             documents.docvars.assign(**{"标题": documents.docvars["title"],
                                                                         "in": 1}))
    export.dfm(matrix, tmp_path / "s", formats=["dta"], top_n=5)
    back = pd.read_stata(tmp_path / "s" / "dfm.dta")
    with pd.read_stata(tmp_path / "s" / "dfm.dta", iterator=True) as reader:
        labels = reader.variable_labels()
    renamed = {labels[c]: c for c in back.columns if labels[c] in ("标题", "in")}
    assert set(renamed) == {"标题", "in"} and all(re.fullmatch(r"[A-Za-z_]\w*", c) for c in renamed.values())
    assert back[renamed["标题"]].tolist() == documents.docvars["title"].tolist()


def test_one_format_writes_only_its_files(documents, tmp_path):
    files = export.dfm(documents, tmp_path / "r", formats="rds")
    assert [p.name for p in (tmp_path / "r").iterdir()] == ["dfm.rds"] and files["format"].tolist() == ["rds"]


def test_bad_options_are_named(documents, tmp_path):
    with pytest.raises(ParameterError, match=r"formats 'csv'.*'mtx'"):
        export.dfm(documents, tmp_path / "bad", formats=("mtx", "csv"))
    assert not (tmp_path / "bad").exists()  # checked before anything is written
    with pytest.raises(ParameterError, match="top_n"):
        export.dfm(documents, tmp_path / "bad", top_n=0)
    with pytest.raises(ParameterError, match="formats is empty"):
        export.dfm(documents, tmp_path / "bad", formats=())
    with pytest.raises(ParameterError, match="matrix must be a document-feature matrix"):
        export.dfm(documents.matrix, tmp_path / "bad")
    assert not (tmp_path / "bad").exists()


def test_more_features_than_excel_columns_is_refused(tmp_path):
    wide = textmodel.from_counts(np.ones((2, 16_384), dtype=np.int64), ["a", "b"],
                                 [f"词{k}" for k in range(16_384)])
    with pytest.raises(ParameterError, match=r"top_n=16384.*16,383"):
        export.dfm(wide, tmp_path / "w", formats=["xlsx"], top_n=16_384)
    files = export.dfm(wide, tmp_path / "w", formats=["xlsx"], top_n=16_383)
    assert files.loc[0, "columns"] == 16_384


def test_sheet_names_are_short_valid_and_unique():
    names = sheet_names(["comparison-formulations-discovered", "comparison-formulations-discoverer",
                         "a/b:c*d?e[f]", "'quoted'", "Contents", "History", "x" * 40, "X" * 40], taken=["contents"])
    assert all(len(n) <= 31 and not re.search(r"[\\/*?:\[\]]", n) and not n.startswith("'") for n in names)
    assert len({n.casefold() for n in names} | {"contents"}) == len(names) + 1
    assert names[:3] == ["comparison-formulations-discove", "comparison-formulations-disco~2", "a_b_c_d_e_f_"]
    assert names[4] == "Contents~2" and names[5] == "History~2"


@pytest.fixture
def figures(seed, words, tmp_path):
    """A figures folder as a report run writes it: real result tables, one long name cut to the same 31
    characters as another."""
    folder = tmp_path / "figures"
    frequency = textstat.frequency(words, by="section")
    save_table(frequency, "frequency-top-terms-by-section-long-name-a", folder)
    save_table(frequency.head(50), "frequency-top-terms-by-section-long-name-b", folder)
    save_table(textstat.collocations(words).head(30), "frequency-collocations", folder)
    save_table(frequency.iloc[:0], "revisions-alignment", folder)
    (folder / "frequency-collocations.png").write_bytes(b"not a table")
    return folder


def test_tables_one_sheet_per_figure_with_contents(figures):
    contents = export.tables(figures)
    book = openpyxl.load_workbook(figures / "tables.xlsx", read_only=True)
    assert book.sheetnames == ["contents", *contents["sheet"]]
    assert contents["figure"].tolist() == sorted(p.stem for p in figures.glob("*.csv"))
    assert contents["sheet"].tolist()[1:3] == ["frequency-top-terms-by-section-", "frequency-top-terms-by-sectio~2"]
    listed = list(book["contents"].iter_rows(values_only=True))
    assert [r[1] for r in listed[1:]] == contents["figure"].tolist()
    for sheet, figure in zip(contents["sheet"], contents["figure"], strict=True):
        expected = pd.read_csv(figures / f"{figure}.csv", encoding="utf-8-sig", keep_default_na=False,
                               na_values=[""])
        rows = list(book[sheet].iter_rows(values_only=True))
        assert rows[0] == tuple(expected.columns)
        got = pd.DataFrame(rows[1:], columns=expected.columns)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    book.close()


def test_tables_out_and_bad_input_named(figures, tmp_path):
    out = tmp_path / "elsewhere" / "all.xlsx"
    export.tables(figures, out=out)
    assert out.exists() and not (figures / "tables.xlsx").exists()
    with pytest.raises(ParameterError, match="folder="):
        export.tables(tmp_path / "missing")
    with pytest.raises(ParameterError, match="out="):
        export.tables(figures, out=tmp_path / "all.csv")
    (figures / "broken.csv").write_text("term,count\n国家,1\n安全,2,3\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.csv, line 3"):
        export.tables(figures)


def test_missing_docvars_stay_missing(documents, tmp_path):
    """A year and a title missing for one document: NA in R, Stata's missing value and an empty string in the
    .dta (Stata has no missing text), an empty cell in Excel; the other documents' values unchanged."""
    docvars = documents.docvars.assign(year=documents.docvars["year"].astype("Int64").mask([True, False, False]),
                                       title=documents.docvars["title"].mask([False, True, False]))
    matrix = textmodel.DocumentFeatureMatrix(documents.matrix, documents.docnames, documents.features, docvars)
    export.dfm(matrix, tmp_path / "m", formats=["rds", "dta", "xlsx"], top_n=5)
    r = rdata.read_rds(tmp_path / "m" / "dfm.rds")["docvars"]
    assert r["year"].isna().tolist() == [True, False, False] and r["year"].iloc[1] == docvars["year"].iloc[1]
    assert r["title"].isna().tolist() == [False, True, False] and r["title"].iloc[2] == docvars["title"].iloc[2]
    stata = pd.read_stata(tmp_path / "m" / "dfm.dta")
    assert stata["year"].isna().tolist() == [True, False, False]
    assert stata["title"].tolist() == [docvars["title"].iloc[0], "", docvars["title"].iloc[2]]
    book = openpyxl.load_workbook(tmp_path / "m" / "dfm.xlsx", read_only=True)
    rows = list(book["docvars"].iter_rows(values_only=True))
    year = rows[0].index("year")
    assert [row[year] for row in rows[1:]] == [None, *docvars["year"].iloc[1:].tolist()]
    book.close()


def test_a_workbook_written_twice_is_the_same_bytes(tmp_path):
    """openpyxl stamps the time of writing into a workbook (its zip entries and docProps/core.xml): written
    through outputs.stable_zip, the same tables give the same bytes, so a regenerated workbook is not a change."""
    import time

    table = pd.DataFrame({"词": ["科技", "人才"], "n": [3, 2]})
    first = export.workbook.write_workbook(tmp_path / "a.xlsx", {"sheet": table}).read_bytes()
    time.sleep(2.1)  # zip times have a two-second resolution
    second = export.workbook.write_workbook(tmp_path / "b.xlsx", {"sheet": table}).read_bytes()
    assert first == second
    rows = list(openpyxl.load_workbook(tmp_path / "b.xlsx")["sheet"].iter_rows(values_only=True))
    assert rows == [("词", "n"), ("科技", 3), ("人才", 2)]
