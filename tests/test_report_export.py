"""helpers.report.export: each report is self-contained HTML with its provenance; corpus text stays text."""

from __future__ import annotations

import re

import pytest
from conftest import EXPECTED

from helpers import report

NOTEBOOKS = report.notebooks()


@pytest.mark.slow
def test_reports_are_self_contained_and_indexed(bundled_run):
    _, reports, _ = bundled_run
    index = (reports / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        page = reports / f"{path.stem}.html"
        assert page.exists()
        assert f'href="{path.stem}.html"' in index
        text = page.read_text(encoding="utf-8")
        images = re.findall(r'<img[^>]*src="data:image/png;base64,', text)
        assert len(images) >= len(EXPECTED[path.stem]), page.name  # every saved figure is shown
        assert not re.search(r'<img[^>]+src="(?!data:)', text), page.name  # no image points to a file
        assert "Provenance" in text, page.name
        assert "&lt;thead&gt;" not in text and "&lt;/style&gt;" not in text, page.name  # tables render as tables
        contents = re.findall(r'<li class="toc-\d"><a href="#[^"]*">([^<]*)</a>', text)
        assert len(contents) == len(set(contents)) and contents[-1] == "Parameters and provenance", contents
        assert "Provenance" not in contents, page.name  # the end section is listed once, by its own entry
        summary = text.split('<ul class="findings">', 1)[1].split("</ul>", 1)[0] if 'class="findings"' in text else ""
        lines = re.findall(r"<li>(.*?)</li>", summary)
        assert len(lines) == len(set(lines)), page.name  # a sentence printed by several cells is listed once



@pytest.mark.slow
def test_provenance_cell_records_hashes(bundled_run):
    _, reports, _ = bundled_run
    text = (reports / "01_frequency.html").read_text(encoding="utf-8")
    assert "5bccccfcf45b2d7d0624515aa3a7ac160a40fb7e440da328863700eaeb0a7e7e" in text  # the seed's SHA-256
    assert "policy_terms.txt" in text and "stopwords_general.txt" in text
    assert "rjieba" in text



class _Elements(__import__("html.parser").parser.HTMLParser):
    """Collects script contents and img attributes of an HTML page."""

    def __init__(self):
        super().__init__()
        self.scripts, self.images, self.text, self._in_script = [], [], [], False
        self.types = []  # the type attribute of each script ("application/json" for inert data blocks)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
            self.types.append(dict(attrs).get("type", ""))
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)



@pytest.mark.slow
def test_corpus_text_is_escaped_in_reports(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    hostile = "<script>alert(1)</script>科技强国。<img src=x onerror=alert(1)>"
    (folder / "doc.txt").write_text(f"各位代表：\n\n{hostile}\n\n科技强国，人才强国。\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("doc_id,file,title,speaker,date,occasion,genre,source\n"
                                         "doc,doc.txt,<b>标题</b>,某人,2024-01-01,会议,speech,test\n", encoding="utf-8")
    reports = tmp_path / "reports"
    report.run([p for p in NOTEBOOKS if p.stem.startswith(("00", "01"))], corpus_dir=folder,
               figures_dir=tmp_path / "figures", reports_dir=reports, parameters={"concordance_term": "alert"},
               progress=False, log=lambda *_: None)
    for page in ("00_corpus_overview.html", "01_frequency.html"):
        parser = _Elements()
        parser.feed((reports / page).read_text(encoding="utf-8"))
        # corpus text may sit in JSON data blocks (tables, explorers), never in a script that runs, and a
        # data block cannot be closed by it (no "<" at all inside)
        code = [s for s, t in zip(parser.scripts, parser.types, strict=True) if t != "application/json"]
        data = [s for s, t in zip(parser.scripts, parser.types, strict=True) if t == "application/json"]
        assert not any("alert(1)" in script for script in code), page
        assert data and not any("<" in block for block in data), page
        assert not any("onerror" in attrs or attrs.get("src") == "x" for attrs in parser.images), page
        source = (reports / page).read_text(encoding="utf-8")
        assert "<b>标题</b>" not in source and "<script>alert" not in source and "<img src=x" not in source
    text = "".join(_parse_text(reports / "01_frequency.html"))
    assert "<script>" in text and "(1)</script>科技强国。<im" in text  # the KWIC row shows it literally, as text



def _parse_text(path):
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.text



def test_index_page_embeds_the_font_subset_and_escapes(tmp_path, monkeypatch):
    from helpers import fonts
    from helpers.report.export import index_page

    monkeypatch.setenv("SPEECHES_CACHE", str(tmp_path))
    page = index_page([("00_x.html", "概览 <1>", "第一段。", 1.25)], tmp_path)
    face = re.search(r'<style id="font">(.*?)</style>', page, re.S).group(1)
    assert f'font-family:"{fonts.FAMILY} (embedded)"' in face and "data:font/woff2;base64," in face
    assert '<a href="00_x.html">概览 &lt;1&gt;</a>' in page and "(1.2 s)" in page
    # nothing to load: no address outside the embedded data (the font's base64 text, which changes with the
    # characters of the page, can hold the letters "http" by chance: a flaky failure before)
    # (the attribute name http-equiv of the Content-Security-Policy is no address)
    outside_data = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", page)
    outside_data = outside_data.replace('content="width', "").replace('<meta http-equiv="Content-Security-Policy"', "")
    assert "<script" not in page and "http" not in outside_data
    assert "script-src 'none'" in page  # and no script may run


def test_stream_messages_read_the_same_however_the_kernel_split_them():
    """A busy kernel may send one print as its text and then its newline, with stderr in between: the page
    shows the same stdout and the same findings as when it came in one message (the cause of a flaky test)."""
    from nbformat import v4

    from helpers.report.cells import merged_streams
    from helpers.report.export import export_html

    def notebook(outputs):
        nb = v4.new_notebook()
        nb.cells = [v4.new_code_cell("print(findings.documents(docs))", metadata={"tags": ["findings"]},
                                     outputs=outputs)]
        return nb

    whole = [v4.new_output("stream", name="stdout", text="The corpus holds 6 documents.\nThey date from 2014.\n"),
             v4.new_output("stream", name="stderr", text="进度 100%\n")]
    split = [v4.new_output("stream", name="stdout", text="The corpus holds 6 documents."),
             v4.new_output("stream", name="stderr", text="进度 "),
             v4.new_output("stream", name="stdout", text="\nThey date from 2014."),
             v4.new_output("stream", name="stderr", text="100%\n"),
             v4.new_output("stream", name="stdout", text="\n")]
    assert export_html(notebook(split), name="x") == export_html(notebook(whole), name="x")
    page = export_html(notebook(split), name="x")
    assert page.count('<pre class="stream">') == 1
    assert "<li>The corpus holds 6 documents.</li><li>They date from 2014.</li></ul>" in page
    # a display between two prints keeps its place: streams merge only up to it
    figure = v4.new_output("display_data", data={"text/plain": "<Figure>"})
    assert [o.get("name", o["output_type"]) for o in merged_streams([*split[:2], figure, *split[2:]])] == \
        ["stdout", "stderr", "display_data", "stdout", "stderr"]


def test_provenance_and_parameters_are_found_by_their_cell_tags():
    from nbformat import v4

    from helpers.report.export import export_html

    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell("# 报告"),
                v4.new_code_cell("top_n = 20", metadata={"tags": ["parameters"]}),
                v4.new_code_cell("top_n = 5", metadata={"tags": ["injected-parameters"]}),
                v4.new_code_cell("provenance.record(speeches)  # not tagged: an ordinary cell",
                                 outputs=[v4.new_output("stream", name="stdout", text="正文\n")]),
                v4.new_markdown_cell("## Provenance", metadata={"tags": ["provenance"]}),
                v4.new_code_cell("what_made_it()", metadata={"tags": ["provenance"]},
                                 outputs=[v4.new_output("stream", name="stdout", text="出处\n")])]
    main, end = export_html(nb, name="x").split('<section class="end" id="provenance">')
    assert "正文" in main and "正文" not in end
    assert "出处" in end and "出处" not in main.split("<main>")[1]
    assert [c for c in re.findall(r'<div class="cell([^"]*)"', end)] == [" tag-parameters", " tag-injected-parameters",
                                                                         " tag-provenance"]
