"""PDF text layers: paragraphs back, running headers and page numbers set aside, look-alikes mapped.

The PDFs are made at test time with matplotlib's PDF backend from real texts in
``../shared`` (never copied into the project): each paragraph hard-wrapped
with its first line indented, a running header and a page number on every
page, paragraphs running on across page breaks.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from helpers import config, fonts
from helpers.errors import CorpusError
from helpers.ingest import characters, pdf

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
LEFT, TOP, PITCH, SIZE = 80.0, 90.0, 18.0, 10.5
PER_LINE, PER_PAGE = 36, 36
HEADER = "中国政策文献选编（内部学习资料）"


def source_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a development text: blocks between blank lines, whitespace removed."""
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    return [p for p in (re.sub(r"\s+", "", b) for b in blocks) if p]


def write_pdf(paragraphs: list[str], dest: Path, *, header: str = HEADER, draw=lambda s: s) -> list[int]:
    """Typeset ``paragraphs`` into ``dest``; return the page where each paragraph starts and ends."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(fonts.path()), size=SIZE)
    lines = []  # (text, indented, paragraph index)
    for i, para in enumerate(paragraphs):
        first, rest = para[: PER_LINE - 2], para[PER_LINE - 2:]
        lines.append((first, True, i))
        lines += [(rest[k:k + PER_LINE], False, i) for k in range(0, len(rest), PER_LINE)]
    pages = [lines[k:k + PER_PAGE] for k in range(0, len(lines), PER_PAGE)]
    spans = []
    with matplotlib.rc_context({"pdf.fonttype": 3}), PdfPages(dest) as out:
        for number, page in enumerate(pages, start=1):
            fig = Figure(figsize=(PAGE_W / 72, PAGE_H / 72))
            fig.text(0.5, 1 - 50 / PAGE_H, draw(header), fontproperties=font, ha="center")
            for row, (text, indented, _) in enumerate(page):
                x = LEFT + (2 * SIZE if indented else 0)
                fig.text(x / PAGE_W, 1 - (TOP + row * PITCH) / PAGE_H, draw(text), fontproperties=font)
            fig.text(0.5, 40 / PAGE_H, f"— {number} —", fontproperties=font, ha="center")
            out.savefig(fig)
            spans += [number] * len(page)
    return [spans[[p for _, _, p in lines].index(i)] for i in range(len(paragraphs))] + \
           [spans[len(lines) - 1 - [p for _, _, p in lines][::-1].index(i)] for i in range(len(paragraphs))]


def join(lines: list[str]) -> list[str]:
    """Paragraphs from extracted lines by the simple rule: an indented line or a blank line starts one."""
    paragraphs: list[str] = []
    fresh = True
    for line in lines:
        if not line.strip():
            fresh = True
            continue
        if fresh or line.startswith("\u3000"):
            paragraphs.append("")
        paragraphs[-1] += re.sub(r"\s+", "", line)
        fresh = False
    return paragraphs


@pytest.fixture(scope="module")
def report_2017() -> Path:
    folder = config.extra_corpus_dir()
    if folder is None:
        pytest.skip("development corpus not found: set SPEECHES_EXTRA_CORPUS to ../shared/corpus-extra")
    return folder / "2017-03-05_gwr-2017.txt"


@pytest.fixture(scope="module")
def built(report_2017: Path, tmp_path_factory) -> tuple[list[str], pdf.Extracted, list[int]]:
    """The 2017 report typeset as a PDF and extracted again: source paragraphs, extraction, pages."""
    paragraphs = source_paragraphs(report_2017)
    dest = tmp_path_factory.mktemp("pdf") / "gwr-2017.pdf"
    pages = write_pdf(paragraphs, dest)
    return paragraphs, pdf.extract(dest), pages


def test_paragraphs_come_back_across_page_breaks(built):
    paragraphs, extracted, pages = built
    n = len(paragraphs)
    assert any(start != end for start, end in zip(pages[:n], pages[n:], strict=True)), "no paragraph spans two pages"
    got = join(extracted.lines)
    print(f"PDF: {len(got)} paragraphs extracted, {n} expected, {max(pages)} pages")
    assert got == paragraphs


def test_running_header_and_page_numbers_set_aside(built):
    _, extracted, pages = built
    n_pages = max(pages)
    kinds = extracted.set_aside.groupby("kind")["page"].apply(list).to_dict()
    assert kinds == {"header": list(range(1, n_pages + 1)), "page_number": list(range(1, n_pages + 1))}
    assert set(extracted.set_aside.query("kind == 'header'")["text"]) == {HEADER}
    assert extracted.set_aside.query("kind == 'page_number'")["text"].tolist() == [
        f"— {k} —" for k in range(1, n_pages + 1)]
    assert HEADER not in extracted.text and "—1—" not in re.sub(r"\s", "", extracted.text)
    for row in extracted.set_aside.itertuples():  # line numbers point at the raw lines they came from
        assert extracted.raw_lines[row.line_start - 1] == row.text
        assert extracted.pages[row.line_start - 1] == row.page
    # nothing lost: body and set-aside lines are all the raw lines
    body = "".join(extracted.lines) + "".join(extracted.set_aside["text"])
    assert sorted(re.sub(r"\s", "", body)) == sorted(re.sub(r"\s", "", extracted.raw))


def chromium_like(text: str) -> str:
    """Ordinary characters replaced by the radicals that share their glyph, as Chromium's PDFs carry."""
    back = {unicodedata.normalize("NFKC", chr(cp)): chr(cp) for cp in range(0x2F00, 0x2FD6)}
    back.update({ordinary: radical for radical, ordinary in characters.RADICALS.items()})
    return "".join(back.get(ch, ch) for ch in text)


def test_kangxi_radicals_are_mapped_and_counted(report_2017, tmp_path):
    paragraphs = source_paragraphs(report_2017)[:60]
    dest = tmp_path / "radicals.pdf"
    write_pdf(paragraphs, dest, draw=chromium_like)
    import pdfplumber

    with pdfplumber.open(dest) as doc:
        layer = "".join(page.extract_text() for page in doc.pages)
    assert "人民" not in layer and "⼈⺠" in layer  # the text layer carries the radicals
    extracted = pdf.extract(dest)
    source = "".join(paragraphs)
    assert "".join(join(extracted.lines)).count("人民") == source.count("人民") > 10
    assert join(extracted.lines) == paragraphs
    mapped = extracted.characters.set_index("character")
    assert mapped.loc["⼈", "replacement"] == "人" and mapped.loc["⺠", "replacement"] == "民"
    assert mapped.loc["⺠", "count"] == source.count("民") + HEADER.count("民") * len(set(extracted.pages))
    assert set(extracted.set_aside["kind"]) == {"header", "page_number"}


def test_one_page_without_furniture_keeps_every_line(tmp_path):
    paragraphs = ["第一段文字，" * 10, "第二段文字。" * 3]
    dest = tmp_path / "one.pdf"
    write_pdf(paragraphs, dest, header="")
    extracted = pdf.extract(dest)
    assert join(extracted.lines) == paragraphs
    assert extracted.set_aside["kind"].tolist() == ["page_number"]


def test_not_a_pdf_names_the_file(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(CorpusError, match=r"broken\.pdf"):
        pdf.extract(bad)


def test_pdf_without_text_layer_is_an_error(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    dest = tmp_path / "scan.pdf"
    fig = Figure(figsize=(4, 4))
    fig.add_subplot().plot([0, 1], [0, 1])
    fig.axes[0].axis("off")
    fig.savefig(dest)
    with pytest.raises(CorpusError, match=r"scan\.pdf: no text layer"):
        pdf.extract(dest)


def test_two_columns_are_read_column_by_column_and_every_character_kept(report_2017, tmp_path):
    from test_bad_input_layout import page_characters, write_two_columns

    paragraphs = [p[:70] for p in source_paragraphs(report_2017)[2:10]]
    dest = tmp_path / "columns.pdf"
    write_two_columns(paragraphs, dest, title=HEADER)
    extracted = pdf.extract(dest)
    assert join(extracted.lines[1:]) == paragraphs  # the title across both columns first, then left, then right
    assert sorted(page_characters(dest)) == sorted(re.sub(r"\s", "", extracted.raw))
