"""Saved web pages: the article's paragraphs back, menus, share buttons, related links and footer as boilerplate.

The page is written at test time around the 2016 speech of the development
corpus (read in place, never copied into the project), in the shape of a news
site's article page.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from helpers import config
from helpers.errors import CorpusError
from helpers.ingest import html

MENU = ["首页", "时政", "国际", "财经"]
AROUND = ["新华网 > 时政 > 正文", "2016-06-01 来源：新华社", "分享到：微信微博QQ空间", "相关新闻",
          "习近平：在全国科技创新大会上的讲话要点", "两院院士大会开幕 科技界热议创新驱动",
          "关于我们 | 联系我们 | 网站地图", "Copyright © 2000-2016 XINHUANET.com All Rights Reserved."]


def source_paragraphs(path: Path) -> list[str]:
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    return [p for p in (re.sub(r"\s+", "", b) for b in blocks) if p]


def write_page(paragraphs: list[str], dest: Path) -> Path:
    esc = htmllib.escape
    body = "\n".join(f"<p>　　{esc(p)}</p>" for p in paragraphs[1:])
    menu = "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU))
    dest.write_text(f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{esc(paragraphs[0])}_新华网</title><style>p {{ text-indent: 2em; }}</style>
<script>var share = "分享到朋友圈";</script></head><body>
<div class="nav"><ul>{menu}</ul></div>
<div class="crumb"><a href="/">新华网</a> &gt; <a href="/politics">时政</a> &gt; 正文</div>
<div class="article"><h1>{esc(paragraphs[0])}</h1><div class="info">2016-06-01 来源：新华社</div>
{body}
<div class="share">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a">{esc(AROUND[4])}</a></li><li><a href="/b">{esc(AROUND[5])}</a></li></ul></div>
<div class="footer"><p>关于我们 | 联系我们 | 网站地图</p><p>Copyright © 2000-2016 XINHUANET.com All Rights Reserved.</p></div>
</body></html>""", encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[list[str], Path]:
    folder = config.extra_corpus_dir()
    if folder is None:
        pytest.skip("development corpus not found: set SPEECHES_EXTRA_CORPUS to ../shared/corpus-extra")
    paragraphs = source_paragraphs(folder / "2016-05-30_xi_build-world-st-power.txt")
    return paragraphs, write_page(paragraphs, tmp_path_factory.mktemp("html") / "speech.html")


def test_article_paragraphs_come_back(page):
    paragraphs, path = page
    extracted = html.extract(path)
    got = [re.sub(r"\s+", "", line) for line in extracted.lines]
    print(f"HTML: {len(got)} paragraphs extracted, {len(paragraphs)} expected")
    assert got == paragraphs  # the h1 title first, repeated salutations kept
    assert got.count("各位院士，同志们、朋友们！") == paragraphs.count("各位院士，同志们、朋友们！") > 1


def test_menus_share_related_and_footer_are_boilerplate(page):
    _, path = page
    extracted = html.extract(path)
    assert set(extracted.set_aside["kind"]) == {"boilerplate"}
    assert [re.sub(r"\s+", "", t) for t in extracted.set_aside["text"]] == [
        re.sub(r"\s+", "", t) for t in [*MENU, *AROUND]]
    assert "分享到" not in extracted.text and "相关新闻" not in extracted.text and "Copyright" not in extracted.text
    assert "朋友圈" not in extracted.raw  # scripts are not text


def test_page_without_main_text_is_an_error(tmp_path):
    bad = tmp_path / "empty.html"
    bad.write_text("<html><head><title>空</title></head><body><script>var a = 1;</script></body></html>",
                   encoding="utf-8")
    with pytest.raises(CorpusError, match=r"empty\.html: no main text"):
        html.extract(bad)
