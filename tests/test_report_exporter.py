"""helpers.report.exporter: ``jupyter nbconvert --to workspace`` gives any notebook the report page, offline."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from itables import options

from helpers import fonts
from helpers.report.export import export_html
from helpers.report.exporter import EXPORTER_NAME

JUPYTER = Path(sys.executable).with_name("jupyter")


def _user_notebook(folder: Path) -> Path:
    """A notebook as a user might write it: no parameters of the workspace, Chinese output, tags only."""
    v4 = nbformat.v4
    nb = v4.new_notebook()
    nb.cells = [
        v4.new_markdown_cell("# 我的笔记：科技政策\n\n一个用户自己写的笔记本。"),
        v4.new_code_cell("terms = ['科技', '创新']", metadata={"tags": ["parameters"]}),
        v4.new_code_cell("print(f'「科技」出现 {3} 次。')", metadata={"tags": ["findings"]}, execution_count=2,
                         outputs=[v4.new_output("stream", name="stdout", text="「科技」出现 3 次。"),
                                  v4.new_output("stream", name="stdout", text="\n")]),  # one print, two messages
        v4.new_code_cell("print('provenance.record(x) 只是一句话')", execution_count=3,
                         outputs=[v4.new_output("stream", name="stdout", text="自主创新，人才强国。\n")]),
        v4.new_markdown_cell("## Provenance\n\n来源：用户。", metadata={"tags": ["provenance"]}),
        v4.new_code_cell("print('SHA-256 …')", metadata={"tags": ["provenance"]}, execution_count=4,
                         outputs=[v4.new_output("stream", name="stdout", text="语料库 sha256 0123abcd\n")]),
    ]
    path = folder / "我的笔记.ipynb"
    nbformat.write(nb, path)
    return path


def _convert(path: Path, *extra: str) -> str:
    result = subprocess.run([str(JUPYTER), "nbconvert", "--to", EXPORTER_NAME, *extra, str(path)],
                            capture_output=True, text=True, cwd=path.parent, timeout=300)
    assert result.returncode == 0, result.stderr
    return path.with_suffix(".html").read_text(encoding="utf-8")


def test_nbconvert_exports_a_user_notebook_as_one_offline_page(tmp_path):
    path = _user_notebook(tmp_path)
    page = _convert(path)
    # the font subset is embedded, and holds the Chinese characters of the outputs
    face = re.search(r'<style id="font">(.*?)</style>', page, re.S).group(1)
    assert f'font-family:"{fonts.FAMILY} (embedded)"' in face and "data:font/woff2;base64," in face
    assert "自主创新，人才强国。" in page and "<title>我的笔记：科技政策</title>" in page
    # nothing to fetch: no http(s) source, link, stylesheet import or CSS url
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", page) and "@import" not in page
    # DataTables as itables ships it, unchanged, in an inert block (no bundle rewritten)
    bundle = re.search(r'<script type="text/plain" id="datatables-module" data-encoding="base64">(.*?)</script>',
                       page, re.S).group(1)
    assert base64.b64decode(bundle) == Path(options.dt_bundle).read_bytes()
    # findings from the cell tagged findings (its two stream messages read as the one line printed)
    assert '<ul class="findings"><li>「科技」出现 3 次。</li></ul>' in page
    assert '<pre class="stream">「科技」出现 3 次。\n</pre>' in page
    # provenance found by its tag: the tagged cells end the page; source text naming provenance does not count
    main, end = page.split('<section class="end" id="provenance">')
    assert "语料库 sha256 0123abcd" in end and "来源：用户。" in end and "语料库" not in main
    assert "自主创新" in main and "自主创新" not in end
    assert 'class="cell tag-parameters"' in end
    # the same page as the report runner writes for it
    assert page == export_html(nbformat.read(path, as_version=4), name=path.stem)


def test_a_notebook_without_a_heading_is_titled_by_its_file_name(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1", execution_count=1,
                                          outputs=[nbformat.v4.new_output("execute_result", data={"text/plain": "2"},
                                                                          execution_count=1)])]
    path = tmp_path / "scratch.ipynb"
    nbformat.write(nb, path)
    page = _convert(path)
    assert "<title>scratch</title>" in page and '<pre class="plain">2</pre>' in page


@pytest.mark.slow
def test_nbconvert_executes_and_exports_a_user_notebook(tmp_path):
    """``--execute`` runs the notebook on a kernel first; what it prints in Chinese reaches the page and the font."""
    v4 = nbformat.v4
    nb = v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                  "language": "python"}})
    nb.cells = [v4.new_markdown_cell("# 执行"),
                v4.new_code_cell("import sys\nfor k in range(3):\n    print(f'第{k}条：高质量发展。')\n"
                                 "    print('警告', file=sys.stderr)", metadata={"tags": ["findings"]}),
                v4.new_code_cell("import pandas as pd\npd.DataFrame({'词': ['科技', '创新'], '次数': [3, 2]})")]
    path = tmp_path / "run_me.ipynb"
    nbformat.write(nb, path)
    page = _convert(path, "--execute")
    assert '<ul class="findings"><li>第0条：高质量发展。</li><li>第1条：高质量发展。</li>' in page
    assert page.count('<pre class="stream">') == 1  # stdout in one block, stderr in one "Messages" block
    assert page.count('<details class="stderr">') == 1
    assert "data:font/woff2;base64," in page
    # the kernel displayed the table's data as the runner's kernels do: a sortable table with its CSV
    data = re.search(r'<script type="application/json" class="table-data"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert json.loads(data)["rows"] == [["科技", 3], ["创新", 2]] and 'class="csv"' in page
