"""The one CJK font of the workspace, for matplotlib, wordcloud and the browser.

The font is Noto Sans CJK SC Regular (SIL Open Font License 1.1) as shipped by
the ``mplfonts`` package, so Chinese renders on machines without any CJK font
installed.  ``mplfonts`` also carries SimHei, whose licence is unclear; it is
never used.  matplotlib draws with it inside ``matplotlib.rc_context(rc())``;
wordcloud takes :func:`path`; HTML reports embed :func:`subset` of it through
:func:`font_face`; JupyterLab gets it from :mod:`helpers.lab`.  A page with a box a reader types into also
carries :func:`typed_face`: the common characters of general Chinese (:func:`common_characters`), which the
browser decodes only when a typed character is not among the page's own, and :func:`slice_faces`: every other
Chinese character of the font in files beside the page (:func:`write_slices`), of which the browser reads only a
slice that holds a typed character.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from . import parallel
from .cache import remembered
from .config import cache_dir
from .outputs import atomic_path
from .validate import check_choice, check_int

FAMILY = "Noto Sans CJK SC"
_FILE = "NotoSansCJKsc-Regular.otf"
_HORIZONTAL = ("ccmp", "liga", "clig", "calt", "rlig", "kern", "mark", "mkmk")  # on by default in browsers
TYPED_CHARACTERS = 3500  # as many as the first-level list (一级字表, 常用字) of the 通用规范汉字表 (2013)
SLICE_CHARACTERS = 2000  # characters per file of the rest (about 0.35 MB of WOFF2 each)
SLICE_FOLDER = "fonts"  # beside the pages, relative to them
_CHINESE_BLOCKS = ((0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
                   (0x3000, 0x303F), (0x3100, 0x312F), (0x31A0, 0x31EF),  # CJK punctuation, bopomofo, strokes
                   (0x3200, 0x33FF),  # enclosed and compatibility forms
                   (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),  # ideographs: extension A, unified, compat
                   (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),  # compatibility forms, full and half width forms
                   (0x20000, 0x3134F))  # ideographs: extensions B–G


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
    embeds only the glyphs it uses.  Only the layout features a browser applies
    to horizontal text by default are kept (:data:`_HORIZONTAL`: Latin kerning,
    ligatures, marks); ``locl``, ``vert`` and the others would bring in the
    Japanese, Korean, Traditional and vertical variants of each character, and
    the vertical metrics go too: a page's subset drawn the same in about half
    the bytes (0.20 MB → 0.11 MB of WOFF2 for the 01 report of the bundled
    corpus).  The CFF outlines are desubroutinized (brotli then compresses them
    better) and unhinted.  Results are cached under
    :func:`helpers.config.cache_dir` keyed by the characters, the font file,
    these options and the fontTools version (a subset of a whole speech takes
    a few seconds).
    """
    check_choice("flavor", flavor, ("woff2", "woff", "otf"))
    chars, cached = _subset_file(text, flavor)
    if cached.is_file():
        return cached.read_bytes()
    data = _subset(path(), chars, flavor)
    with atomic_path(cached) as tmp:
        tmp.write_bytes(data)
    return data


def _subset_file(text: str, flavor: str) -> tuple[str, Path]:
    """The characters :func:`subset` keeps of ``text``, and the cache file of that subset."""
    import hashlib

    import fontTools

    chars = "".join(sorted({ch for ch in text if not ch.isspace()} | {chr(c) for c in range(32, 127)}))
    font = path()
    key = hashlib.sha256("\0".join([chars, flavor, font.name, str(font.stat().st_size), fontTools.version,
                                    *_HORIZONTAL, "desubroutinized"]).encode("utf-8")).hexdigest()[:24]
    return chars, cache_dir() / "fonts" / f"{key}.{flavor}"


def _subset(font: Path, chars: str, flavor: str) -> bytes:
    import io

    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = None if flavor == "otf" else flavor
    options.hinting = False  # browsers draw CFF outlines well without hints; saves about a tenth
    options.layout_features = list(_HORIZONTAL)
    options.drop_tables = [*options.drop_tables, "vhea", "vmtx", "VORG"]
    options.desubroutinize = True
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


@cache
def common_characters(n: int = TYPED_CHARACTERS) -> str:
    """The ``n`` most frequent Chinese characters of general written Chinese that the font draws, most
    frequent first: what a reader is likely to type.

    Built here, reproducibly, from ``wordfreq``'s Chinese word list (the version pinned in requirements.txt):
    a character's weight is the summed frequency of the words it occurs in, counted once per occurrence;
    CJK Unified Ideographs (U+4E00–U+9FFF) only; ties by code point.  It is not the 通用规范汉字表 (no copy of
    it is at hand): with ``n`` = 3,500, the size of that list's first level, it covers 99.79% of the
    characters of the word list's running text (2,500: 99.17%; 6,500: 99.993%).  Kept in the cache (keyed
    by ``n``, the wordfreq version and the font file), so a page need not load the word list.
    """
    from importlib import metadata

    check_int("n", n, min_value=1)
    font = path()
    parts = ["common characters", str(n), f"wordfreq={metadata.version('wordfreq')}", font.name,
             str(font.stat().st_size)]
    return remembered("fonts", parts, lambda: _ranked(n).encode("utf-8")).decode("utf-8")


def _ranked(n: int) -> str:
    import collections

    import wordfreq

    weights: collections.Counter[str] = collections.Counter()
    for word, frequency in wordfreq.get_frequency_dict("zh").items():
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                weights[ch] += frequency
    missing = set(missing_glyphs("".join(weights)))
    ranked = sorted((ch for ch in weights if ch not in missing), key=lambda ch: (-weights[ch], ch))
    return "".join(ranked[:n])


def unicode_range(characters: str) -> str:
    """The CSS ``unicode-range`` value covering exactly the distinct ``characters``: runs of consecutive
    code points as ``U+4E00-4E03``, single ones as ``U+4E07``, comma-separated, in code point order."""
    points = sorted({ord(ch) for ch in characters})
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def typed_face(page: str, *, family: str = f"{FAMILY} (embedded)", n: int = TYPED_CHARACTERS) -> str:
    """A second CSS ``@font-face`` rule of ``family`` for what a reader types: the glyphs of
    :func:`common_characters` (``n`` of them; :func:`subset`, built once and cached), with a
    ``unicode-range`` of those characters that are not in ``page``.

    Declared after :func:`font_face` of the page's characters, the browser consults it first for the
    characters of its range only, so it decodes it only when a typed character needs it; text already on
    the page keeps the page's subset.  ``""`` when ``page`` holds every one of the common characters.
    """
    import base64

    common = common_characters(n)
    on_page = set(page)
    wanted = "".join(ch for ch in common if ch not in on_page)
    if not wanted:
        return ""
    data = base64.b64encode(subset(common, flavor="woff2")).decode("ascii")
    return (f'@font-face{{font-family:"{family}";font-style:normal;font-weight:400 700;font-display:block;'
            f'unicode-range:{unicode_range(wanted)};src:url(data:font/woff2;base64,{data}) format("woff2")}}')


@cache
def slices(n: int = TYPED_CHARACTERS) -> tuple[tuple[str, str], ...]:
    """Every Chinese character the font draws that is not among :func:`common_characters` (``n``), in slices of
    :data:`SLICE_CHARACTERS` in code point order: ``(file name, characters)`` each.

    "Chinese" is the blocks of :data:`_CHINESE_BLOCKS`: the unified ideographs with extensions A–G and the
    compatibility ideographs, radicals, strokes, bopomofo, CJK punctuation and full-width forms; the
    ideographic space left out, as any space is): 27,948 characters with the pinned font and word list, in 14
    files, 5.1 MB of WOFF2 in all.  The names carry a key of the font file, fontTools' version, ``n`` and the
    slice size, so a page never points at a file of another build.
    """
    import hashlib

    import fontTools
    from matplotlib.ft2font import FT2Font

    font = path()
    common = set(common_characters(n))
    drawn = sorted(c for c in FT2Font(str(font)).get_charmap() if any(a <= c <= b for a, b in _CHINESE_BLOCKS))
    rest = "".join(chr(c) for c in drawn if chr(c) not in common and not chr(c).isspace())
    key = hashlib.sha256("\0".join([font.name, str(font.stat().st_size), fontTools.version, str(n),
                                    str(SLICE_CHARACTERS), *_HORIZONTAL]).encode("utf-8")).hexdigest()[:12]
    parts = [rest[i:i + SLICE_CHARACTERS] for i in range(0, len(rest), SLICE_CHARACTERS)]
    return tuple((f"cjk-{key}-{k:02d}.woff2", part) for k, part in enumerate(parts))


def write_slices(folder: Path, *, n: int = TYPED_CHARACTERS, workers: int | None = None) -> list[Path]:
    """Write the files of :func:`slices` into ``folder`` (created if need be): the fonts :func:`slice_faces`
    points at.  Each is built once per machine (:func:`subset`, cached; about 40 CPU-seconds for all of them
    the first time, in ``workers`` processes) and copied from the cache after that.  Returns the paths written."""
    parts = slices(n)
    missing = [chars for _, chars in parts if not _subset_file(chars, "woff2")[1].is_file()]
    for _ in parallel.map(_build_slice, missing, workers=workers):
        pass
    folder = Path(folder)
    written = []
    for name, chars in parts:
        target = folder / name
        with atomic_path(target) as tmp:
            tmp.write_bytes(subset(chars, flavor="woff2"))
        written.append(target)
    return written


def _build_slice(chars: str) -> None:
    subset(chars, flavor="woff2")


def slice_faces(page: str, *, family: str = f"{FAMILY} (embedded)", n: int = TYPED_CHARACTERS,
                folder: str = SLICE_FOLDER) -> str:
    """The ``@font-face`` rules of ``family`` for every Chinese character that neither ``page`` nor
    :func:`common_characters` holds: one rule per file of :func:`slices`, its source the file in ``folder``
    relative to the page (written there by :func:`write_slices`) and its ``unicode-range`` the slice's
    characters that are not in ``page``.  A browser reads a file only when a character of its range is to be
    drawn: a character a reader types that is on no page and not among the common ones (about 1 in 480 of
    running text); nothing is read to show the page itself."""
    on_page = set(page)
    rules = []
    for name, chars in slices(n):
        wanted = "".join(ch for ch in chars if ch not in on_page)
        if wanted:
            rules.append(f'@font-face{{font-family:"{family}";font-style:normal;font-weight:400 700;'
                         f'font-display:block;unicode-range:{unicode_range(wanted)};'
                         f'src:url("{folder}/{name}") format("woff2")}}')
    return "".join(rules)
