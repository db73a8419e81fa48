"""The one CJK font of the workspace, for matplotlib, wordcloud and the browser.

The font is Noto Sans CJK SC Regular (SIL Open Font License 1.1) as shipped by
the ``mplfonts`` package, so Chinese renders on machines without any CJK font
installed.  ``mplfonts`` also carries SimHei, whose licence is unclear; it is
never used.  matplotlib draws with it inside ``matplotlib.rc_context(rc())``;
wordcloud takes :func:`path`; HTML reports embed :func:`subset` of it through
:func:`font_face`; JupyterLab gets it from :mod:`helpers.lab`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .config import cache_dir
from .outputs import atomic_path
from .validate import check_choice

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


def subset(text: str, *, flavor: str = "woff2") -> bytes:
    """The font reduced to the characters of ``text`` (plus printable ASCII), as ``woff2``, ``woff`` or ``otf``.

    For web pages that must draw Chinese without any font installed: a report
    embeds only the glyphs it uses.  Results are cached under
    :func:`helpers.config.cache_dir` keyed by the characters, the font file and
    the fontTools version (a subset of a whole speech takes a few seconds).
    """
    import hashlib

    import fontTools

    check_choice("flavor", flavor, ("woff2", "woff", "otf"))
    chars = "".join(sorted({ch for ch in text if not ch.isspace()} | {chr(c) for c in range(32, 127)}))
    font = path()
    key = hashlib.sha256("\0".join([chars, flavor, font.name, str(font.stat().st_size),
                                    fontTools.version]).encode("utf-8")).hexdigest()[:24]
    cached = cache_dir() / "fonts" / f"{key}.{flavor}"
    if cached.is_file():
        return cached.read_bytes()
    data = _subset(font, chars, flavor)
    with atomic_path(cached) as tmp:
        tmp.write_bytes(data)
    return data


def _subset(font: Path, chars: str, flavor: str) -> bytes:
    import io

    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = None if flavor == "otf" else flavor
    options.hinting = False  # browsers draw CFF outlines well without hints; saves about a tenth
    face = TTFont(str(font), lazy=True)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(face)
    face.flavor = options.flavor
    buffer = io.BytesIO()
    face.save(buffer)
    return buffer.getvalue()


def font_face(text: str, *, family: str = f"{FAMILY} (embedded)") -> str:
    """A CSS ``@font-face`` rule that embeds :func:`subset` of ``text`` as a base64 WOFF2 under ``family``."""
    import base64

    data = base64.b64encode(subset(text, flavor="woff2")).decode("ascii")
    return (f'@font-face{{font-family:"{family}";font-style:normal;font-weight:400 700;font-display:block;'
            f'src:url(data:font/woff2;base64,{data}) format("woff2")}}')
