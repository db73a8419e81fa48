"""JupyterLab with the workspace's CJK font, so Chinese reads on a machine without one.

``make lab`` calls :func:`prepare` on a project folder used as Jupyter's
configuration folder (``JUPYTER_CONFIG_DIR``) and starts JupyterLab with
``--LabApp.custom_css=True``.  Lab then loads ``custom/custom.css``, which
declares the font of :func:`helpers.fonts.path` (a copy served by Lab from the
same folder, ``/custom/...``) for Chinese characters only and puts it after Lab's
own fonts in the interface, the notebook text, the code editor, outputs,
tables and widget controls.  Nothing outside that folder changes.

``python -m helpers.lab FOLDER`` prepares ``FOLDER``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .fonts import FAMILY, path

__all__ = ["custom_css", "prepare"]

LAB_FAMILY = f"{FAMILY} (workspace)"
# CJK punctuation and symbols, the unified ideographs and extension A, compatibility ideographs, full-width forms
_CJK_RANGES = ("U+2E80-2FDF,U+3000-303F,U+3100-312F,U+31A0-31BF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE30-FE4F,"
               "U+FF00-FFEF")


def custom_css(font_file: str) -> str:
    """The custom CSS: ``@font-face`` for ``font_file`` (a URL relative to the CSS) and Lab's font variables."""
    after = f'"{LAB_FAMILY}"'
    return f"""/* written by helpers.lab: the workspace's CJK font for Chinese text everywhere in JupyterLab */
@font-face {{
  font-family: "{LAB_FAMILY}";
  src: url("{font_file}") format("opentype");
  unicode-range: {_CJK_RANGES};
  font-display: swap;
}}
/* :root:root outranks the theme's :root, which Lab loads after this file */
:root:root {{
  --jp-ui-font-family: system-ui, -apple-system, blinkmacsystemfont, "Segoe UI", helvetica, arial, sans-serif, {after};
  --jp-content-font-family: system-ui, -apple-system, blinkmacsystemfont, "Segoe UI", helvetica, arial, sans-serif,
    {after};
  --jp-code-font-family-default: menlo, consolas, "DejaVu Sans Mono", monospace, {after};
  --jp-code-font-family: var(--jp-code-font-family-default);
  --jp-widgets-font-family: var(--jp-ui-font-family);
}}
/* form controls do not inherit fonts by default: the widgets' selects, inputs and buttons */
.jupyter-widgets select, .jupyter-widgets option, .jupyter-widgets input, .jupyter-widgets textarea,
.jupyter-widgets button, .jupyter-widgets label, .jp-RenderedHTMLCommon table {{
  font-family: var(--jp-ui-font-family);
}}
"""


def prepare(folder: Path) -> Path:
    """Write ``folder/custom/custom.css`` and copy the font file beside it; return the CSS path."""
    custom = Path(folder) / "custom"
    custom.mkdir(parents=True, exist_ok=True)
    font = path()
    # a copy of only this file (the folder it comes from also holds SimHei); not a symbolic link: Jupyter's
    # static file handler refuses files that resolve outside its folder
    copy = custom / font.name
    if copy.is_symlink() or (copy.exists() and copy.stat().st_size != font.stat().st_size):
        copy.unlink()
    if not copy.exists():
        shutil.copyfile(font, copy)
    css = custom / "custom.css"
    css.write_text(custom_css(font.name), encoding="utf-8")
    return css


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m helpers.lab FOLDER  (the Jupyter configuration folder of `make lab`)")
    print(prepare(Path(sys.argv[1])))
