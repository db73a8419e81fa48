"""Bad input, layouts: what a reader or a layout rule could lose without a word is kept, and accounted for.

Each case writes its own file from real text (the bundled speech's sentences), loads it with
``corpus.load`` and checks the paragraphs; the load's character audit refuses a document unless every
character of the source is in the body or in ``set_aside``, and :func:`accounted` says so again here.
Cases: a PDF in two columns, a short text with a URL, a short English text, ``*`` bullet lists, a
byte-order mark inside a file, a two-line English note, the speech saved as a news page.
"""

from __future__ import annotations

import html as htmllib
import re
import warnings
from pathlib import Path

import pytest
from conftest import SEED

from helpers import corpus, fonts
from helpers.corpus import CorpusWarning, clean
from helpers.corpus.sentences import split_sentences
from helpers.ingest import html

SPEECH = SEED.read_text(encoding="utf-8")


def _load(folder: Path) -> corpus.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return corpus.load(folder, cache=False)


def accounted(loaded: corpus.Corpus, raw: str) -> bool:
    """Whether every visible character of ``raw`` is in a body paragraph or a set-aside row, and no other."""
    kept = "".join(loaded.paragraphs["text"]) + "".join(loaded.set_aside["text"])
    return sorted(clean.remove_whitespace(clean.normalise_width(raw))) == sorted(clean.remove_whitespace(kept))


@pytest.fixture(scope="module")
def sentences(seed) -> list[str]:
    """The first sentence of each paragraph of the bundled speech that is not a salutation."""
    out = []
    for text in seed.paragraphs.query("~is_salutation")["text"]:
        start, end = split_sentences(text)[0]
        out.append(text[start:end])
    return out


# --- a PDF in two columns ----------------------------------------------------------------------

PAGE_W, PAGE_H, SIZE, PITCH = 595.0, 842.0, 10.5, 17.0
COLUMNS = (60.0, 320.0)  # left edges of the two columns, in points
PER_LINE = 20  # characters per column line


def write_two_columns(paragraphs: list[str], dest: Path, *, title: str) -> None:
    """One A4 page: ``title`` across both columns, then half the paragraphs in each column (indented first lines)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(fonts.path()), size=SIZE)
    half = (len(paragraphs) + 1) // 2
    with matplotlib.rc_context({"pdf.fonttype": 3}), PdfPages(dest) as out:
        fig = Figure(figsize=(PAGE_W / 72, PAGE_H / 72))
        fig.text(0.5, 1 - 60 / PAGE_H, title, fontproperties=font, ha="center")
        for left, column in zip(COLUMNS, (paragraphs[:half], paragraphs[half:]), strict=True):
            row = 0
            for para in column:
                first, rest = para[:PER_LINE - 2], para[PER_LINE - 2:]
                lines = [(first, True)] + [(rest[k:k + PER_LINE], False) for k in range(0, len(rest), PER_LINE)]
                for text, indented in lines:
                    x = left + (2 * SIZE if indented else 0)
                    fig.text(x / PAGE_W, 1 - (100 + row * PITCH) / PAGE_H, text, fontproperties=font)
                    row += 1
        out.savefig(fig)


def page_characters(path: Path) -> str:
    """Every visible character pdfplumber finds on the pages, in no particular order."""
    import pdfplumber

    with pdfplumber.open(path) as doc:
        return "".join(c["text"] for page in doc.pages for c in page.chars if not c["text"].isspace())


def test_pdf_in_two_columns_is_read_column_by_column(corpus_dir, sentences):
    paragraphs = sentences[:8]
    title = "朝着建成科技强国的宏伟目标奋勇前进"
    write_two_columns(paragraphs, corpus_dir / "two.pdf", title=title)
    loaded = _load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == paragraphs
    assert loaded.set_aside["text"].tolist() == [title]
    assert accounted(loaded, page_characters(corpus_dir / "two.pdf"))


# --- short texts: their paragraphs kept ---------------------------------------------------------


def test_short_text_with_a_url_keeps_its_paragraphs(corpus_dir, sentences):
    body = ["一、总体要求", sentences[0], "二、重点任务", sentences[1] + "详见 https://www.gov.cn/zhengce/content/2024-06/24",
            "三、保障措施", sentences[2]]
    raw = "\n".join(["关于加强科技创新的通知", *body]) + "\n"
    (corpus_dir / "notice.txt").write_text(raw, encoding="utf-8")
    loaded = _load(corpus_dir)
    assert loaded.documents["layout"].item() == "line_per_paragraph"
    assert loaded.paragraphs["text"].tolist() == [clean.remove_cjk_spaces(p) for p in body]
    assert loaded.paragraphs["heading_level"].tolist() == [1, 0, 1, 0, 1, 0]
    assert loaded.set_aside["text"].tolist() == ["关于加强科技创新的通知"]
    assert accounted(loaded, raw)


ENGLISH = ["Building a strong country in science and technology",
           "This conference is a grand gathering of science held at a critical time.",
           "When science and technology thrive, the nation thrives.",
           "Basic research",
           "We must strengthen basic research and original innovation, and attract talent from everywhere.",
           "Let us work together for this goal!"]


def test_short_english_text_keeps_its_paragraphs(corpus_dir):
    raw = "\n".join(ENGLISH) + "\n"
    (corpus_dir / "english.txt").write_text(raw, encoding="utf-8")
    with pytest.warns(CorpusWarning, match="no Chinese characters in the body text"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.documents["layout"].item() == "line_per_paragraph"
    assert loaded.paragraphs["text"].tolist() == ENGLISH[1:]
    assert loaded.set_aside["text"].tolist() == ENGLISH[:1]
    assert accounted(loaded, raw)


def test_two_line_english_note_loads_with_a_warning(corpus_dir):
    raw = "Meeting note\nThe review of the 2024 report is moved to Friday.\n"
    (corpus_dir / "note.txt").write_text(raw, encoding="utf-8")
    with pytest.warns(CorpusWarning, match="no Chinese characters in the body text"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist() == ["The review of the 2024 report is moved to Friday."]
    assert loaded.set_aside[["kind", "text"]].values.tolist() == [["title", "Meeting note"]]
    assert accounted(loaded, raw)


# --- bullet lists: items in the body -------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_bullet_items_are_list_items_in_the_body(corpus_dir, sentences, separator):
    items = sentences[3:6]
    lines = ["各位代表：", "今年要重点做好以下工作：", *(f"* {s}" for s in items), sentences[6]]
    raw = separator.join(lines[:2]) + "\n" + "\n".join(lines[2:5]) + separator + lines[5] + "\n"
    (corpus_dir / "list.txt").write_text(raw, encoding="utf-8")
    loaded = _load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == [*lines[:2], *(f"*{s}" for s in items), sentences[6]]
    assert loaded.set_aside.empty
    bullets = loaded.list_items.query("marker == '*'")
    assert bullets["text"].tolist() == [f"*{s}" for s in items]
    assert bullets["para_no"].tolist() == [3, 4, 5]
    assert accounted(loaded, raw)


def test_a_lone_star_note_at_the_end_is_still_a_footnote(corpus_dir, sentences):
    raw = "各位代表：\n\n" + sentences[0] + "\n\n* 本文根据录音整理。\n"
    (corpus_dir / "note.txt").write_text(raw, encoding="utf-8")
    loaded = _load(corpus_dir)
    assert loaded.set_aside[["kind", "text"]].values.tolist() == [["footnote", "*本文根据录音整理。"]]


# --- a byte-order mark inside a file -------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", ""])
def test_a_byte_order_mark_inside_never_glues_two_texts(corpus_dir, newline):
    first = "各位代表：\n\n科技兴则民族兴，科技强则国家强" + newline  # ends inside a sentence
    second = "我们党历来高度重视科技事业发展。\n"
    data = first.encode("utf-8-sig") + second.encode("utf-8-sig")  # two files joined
    (corpus_dir / "joined.txt").write_bytes(data)
    with pytest.warns(CorpusWarning, match=r"byte-order mark\(s\) \(U\+FEFF\) inside the text"):
        loaded = corpus.load(corpus_dir, cache=False)
    assert loaded.paragraphs["text"].tolist() == ["各位代表：", "科技兴则民族兴，科技强则国家强",
                                                   "我们党历来高度重视科技事业发展。"]
    assert not loaded.repairs["after"].str.contains("国家强我们").any()
    assert accounted(loaded, data.decode("utf-8-sig"))


def _page(*paragraphs: str) -> str:
    body = "".join(f"<p>{htmllib.escape(p)}</p>" for p in paragraphs)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><div>{body}</div></body></html>\n"


def test_a_byte_order_mark_inside_an_html_file_is_a_boundary(corpus_dir, sentences):
    first, second = _page(*sentences[:3]), _page(*sentences[3:6])
    data = first.encode("utf-8-sig") + second.encode("utf-8-sig")  # two saved pages joined: lxml keeps one <html>
    (corpus_dir / "joined.html").write_bytes(data)
    loaded = _load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == sentences[:6]
    assert "\ufeff" not in "".join(loaded.paragraphs["text"]) + "".join(loaded.set_aside["text"])
    assert accounted(loaded, "\n".join(sentences[:6]))


def test_a_byte_order_mark_inside_an_html_paragraph_never_glues(corpus_dir, sentences):
    head, tail = sentences[1][:8], sentences[1][8:]  # the mark inside a sentence: the break repair would join
    page = _page(sentences[0], head + "\ufeff" + tail, sentences[2])
    (corpus_dir / "mark.html").write_text(page, encoding="utf-8")
    loaded = _load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == [sentences[0], head, tail, sentences[2]]
    assert "\ufeff" not in "".join(loaded.paragraphs["text"]) + "".join(loaded.set_aside["text"])
    assert accounted(loaded, "\n".join([sentences[0], sentences[1], sentences[2]]))


# --- the speech saved as a news page -------------------------------------------------------------


def test_speech_saved_as_a_news_page_keeps_every_paragraph_whole(corpus_dir, seed):
    paragraphs = seed.paragraphs["text"].tolist()
    title = seed.set_aside.query("kind == 'title'")["text"].iloc[0]
    esc = htmllib.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(title)}</title></head><body>"
            "<nav><a href='/'>首页</a> | <a href='/news'>要闻</a> | <a href='/policy'>政策</a></nav>"
            f"<div class='content'><h1>{esc(title)}</h1>"
            "<div class='share-bar'>分享到：<a href='#'>微信</a> <a href='#'>微博</a></div>"
            f"{body}</div><footer><p>版权所有 中国政府网</p><p>京ICP备05070218号</p></footer></body></html>")
    (corpus_dir / "speech.html").write_text(page, encoding="utf-8")
    loaded = _load(corpus_dir)
    assert loaded.paragraphs["text"].tolist() == paragraphs
    assert not any("分享到" in p for p in loaded.paragraphs["text"])
    assert re.sub(r"\s", "", "".join(loaded.set_aside["text"])).count("分享到") == 1
    assert accounted(loaded, "\n".join(text for _, text in html.blocks(page)))
