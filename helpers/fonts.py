"""The one CJK font of the workspace, for matplotlib, wordcloud and the browser.

The font is Noto Sans CJK SC Regular (SIL Open Font License 1.1) as shipped by
the ``mplfonts`` package, so Chinese renders on machines without any CJK font
installed.  ``mplfonts`` also carries SimHei, whose licence is unclear; it is
never used.  matplotlib draws with it inside ``matplotlib.rc_context(rc())``;
wordcloud takes :func:`path`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FAMILY = "Noto Sans CJK SC"
_FILE = "NotoSansCJKsc-Regular.otf"


@cache
def path() -> Path:
    """Absolute path of the Noto Sans CJK SC font file."""
    import mplfonts

    font = Path(mplfonts.__file__).resolve().parent / "fonts" / _FILE
    if not font.is_file():
        raise FileNotFoundError(f"{font} is missing: reinstall mplfonts (see requirements.txt)")
    return font


def rc() -> dict[str, object]:
    """The matplotlib settings that draw with the CJK font, for ``matplotlib.rc_context(fonts.rc())``.

    ``font.family`` sans-serif with Noto Sans CJK SC first (the current
    sans-serif list after it, as fallback), and ``axes.unicode_minus`` off (the
    CJK font has no U+2212 glyph).  Nothing global is set: the settings hold
    only inside the context.  The font file is registered with matplotlib's
    font manager once (so the family name resolves); that adds a font to the
    list of known fonts and changes no setting.
    """
    import matplotlib as mpl

    _register()
    sans = [name for name in mpl.rcParams["font.sans-serif"] if name != FAMILY]
    return {"font.family": "sans-serif", "font.sans-serif": [FAMILY, *sans], "axes.unicode_minus": False}


@cache
def _register() -> None:
    from matplotlib import font_manager

    if FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path()))


def missing_glyphs(text: str, font: Path | None = None) -> list[str]:
    """Characters of ``text`` (other than whitespace) that the font has no glyph for."""
    from matplotlib.ft2font import FT2Font

    face = FT2Font(str(font or path()))
    charmap = face.get_charmap()
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in charmap})


def fontconfig_file(folder: Path) -> Path:
    """Write a ``fonts.conf`` that adds the CJK font to the system's fontconfig setup.

    Browsers (Chromium) find fonts through fontconfig; pointing ``FONTCONFIG_FILE``
    at the returned file lets them draw Chinese with the same font as the figures.
    """
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    link = fonts / _FILE  # only this file: the folder it comes from also holds SimHei
    if not link.exists():
        link.symlink_to(path())
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{fonts}</dir>\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n"
        # preferred over any other CJK font the system may have, so pages use the figures' font
        + "".join(f"  <alias><family>{generic}</family><prefer><family>{FAMILY}</family></prefer></alias>\n"
                  for generic in ("sans-serif", "serif", "monospace"))
        + "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf
