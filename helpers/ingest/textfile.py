"""Reading raw text files: encoding detection and decoding, with clear errors and notes.

UTF-8 (with or without BOM) is tried first and strictly; UTF-16/32 with a BOM
are taken from the BOM.  Anything else is decoded strictly with each candidate
(GB18030, Big5, Windows-1252 and charset-normalizer's best guess), and the
candidate whose text has the fewest implausible characters wins (rare
ideographs, Hangul, runs of accented letters: what mojibake looks like); a
guess with little evidence or a close runner-up is accepted with a note
saying so, a guess where most characters are implausible is refused.

After decoding, garbage that is not text is removed, each kind with a note:
NUL padding at the end, other control characters; a byte-order mark inside
the text (two files joined) is moved to the start of a line of its own text,
where it marks a boundary that no paragraph crosses
(:func:`helpers.corpus.layout.split_paragraphs`; the cleaning drops the mark).
U+2029 (paragraph separator) becomes a blank line and U+2028 (line separator)
a line break.  Every failure is a
:class:`~helpers.errors.CorpusError` naming the file; the notes go to the
caller (:class:`Decoded`), who warns.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import CorpusError

# Signatures of common binary formats that end up renamed to .txt.
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"\x7fELF": "executable",
}
_BOMS = [  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0/C1 control characters other than tab, newline, vertical tab, form feed, carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
_BOM_INSIDE = re.compile("(?<=[^\n])\ufeff")  # a byte-order mark that does not start a line
# Legacy encodings tried, in order of preference when two fit equally well.
_CANDIDATES = ("gb18030", "big5", "cp1252")
_WESTERN = {"cp1252", "cp1250", "cp1251", "cp1257", "latin_1", "iso8859_15", "mac_roman"}
_LOW_EVIDENCE = 20  # non-ASCII characters below which a legacy-encoding guess is said to be a guess
_SAMPLE = 100_000  # characters scored per candidate
_MAX_IMPLAUSIBLE = 0.2  # share of implausible non-ASCII characters above which no encoding fits


@dataclass(frozen=True)
class Decoded:
    """A decoded text: ``text`` with newlines normalised to ``\\n``, the ``encoding`` found, and
    ``notes``: what the reader should know (a guessed encoding, garbage removed), one sentence each."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def read(path: Path, *, label: str | None = None) -> Decoded:
    """Read and decode ``path``; ``label`` names the file in error messages."""
    label = label or str(path)
    return decode(read_bytes(Path(path), label=label), label=label)


def read_bytes(path: Path, *, label: str | None = None) -> bytes:
    """The bytes of ``path``; a CorpusError naming it when it is not a readable regular file."""
    label = label or str(path)
    try:
        if not path.is_file():  # a folder, a FIFO, a device: reading would fail or block
            what = "a folder" if path.is_dir() else "missing" if not path.exists() else "not a regular file"
            raise CorpusError(f"{label}: cannot read the file: it is {what}")
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise CorpusError(f"{label}: cannot read the file ({reason}); check its permissions") from None


def decode(data: bytes, *, label: str) -> Decoded:
    """Decode raw bytes of a text file; raise CorpusError when they are not text."""
    if not data:
        raise CorpusError(f"{label}: the file is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise CorpusError(f"{label}: this is a binary file ({kind}), not a text")
    text, encoding, notes = _decode(data, label)
    text, garbage = remove_garbage(_NEWLINES.sub("\n", text))
    _check_text(text, label)
    return Decoded(text, encoding, tuple(notes + garbage))


def _decode(data: bytes, label: str) -> tuple[str, str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as error:
                raise CorpusError(
                    f"{label}: starts with a {encoding} byte-order mark but byte {error.start} "
                    f"does not decode ({error.reason})"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        utf8_error = error
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        raise CorpusError(
            f"{label}: truncated UTF-8: the file ends in the middle of a character "
            f"(incomplete sequence from byte {utf8_error.start} of {len(data)}); "
            "was the download or copy cut short?"
        )
    return _guess(data, label, utf8_error)


def _guess(data: bytes, label: str, utf8_error: UnicodeDecodeError) -> tuple[str, str, list[str]]:
    """The legacy encoding whose text looks most like text, with a note when the evidence is thin."""
    from charset_normalizer import from_bytes

    candidates = list(_CANDIDATES)
    best = from_bytes(data).best()
    if best is not None and best.encoding not in candidates and best.encoding not in {"utf_8", "utf-8"}:
        candidates.append(best.encoding)
    scored = []
    for order, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad, wide = _implausible(text[:_SAMPLE])
        scored.append((bad / max(1, wide), order, encoding, text, bad, wide))
    scored.sort()
    if not scored or scored[0][0] > _MAX_IMPLAUSIBLE:
        line = data[: utf8_error.start].count(b"\n") + 1
        tried = ", ".join(f"{e} ({r:.0%} implausible)" for r, _, e, *_ in scored) or "none decodes"
        raise CorpusError(
            f"{label}: undecodable bytes: not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} "
            f"at offset {utf8_error.start}, line {line}) and no other encoding fits the whole file "
            f"(tried {tried}); save it as UTF-8"
        )
    ratio, _, encoding, text, bad, wide = scored[0]
    notes = []
    runner_up = next((s for s in scored[1:] if s[3] != text), None)
    close = runner_up is not None and runner_up[0] - ratio < 0.05
    if encoding in _WESTERN or wide < _LOW_EVIDENCE or ratio > 0.02 or close:
        sample = ", ".join(repr(w) for w in _non_ascii_words(text)[:3])
        also = f"; {runner_up[2]} would also fit" if close else ""
        notes.append(
            f"not UTF-8: encoding guessed as {encoding} with low confidence ({wide} non-ASCII characters, "
            f"{bad} of them implausible{also}), e.g. {sample}; if these look wrong, save the file as UTF-8"
        )
    return text, encoding, notes


@cache
def _plausible_cjk(char: str) -> bool:
    """A common ideograph (GB2312, or Big5 level 1) or CJK / full-width punctuation."""
    code = ord(char)
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F:
        return True
    if not 0x4E00 <= code <= 0x9FFF:
        return False
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA4 <= char.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _implausible(text: str) -> tuple[int, int]:
    """``(implausible, non-ASCII)`` character counts: an accented letter is plausible between ASCII
    letters or on its own; rare ideographs, Hangul, symbols and runs of accented letters are not."""
    bad = wide = 0
    for i, char in enumerate(text):
        if char < "\x80":
            if _CONTROL.match(char):
                bad += 1
            continue
        wide += 1
        if _plausible_cjk(char):
            continue
        if char.isalpha() and ord(char) < 0x250:  # Latin letters with accents
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before < "\x80" and after < "\x80":
                continue
        bad += 1
    return bad, wide


def _non_ascii_words(text: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"\w*[^\x00-\x7f\s]\w*", text)))


def _lines_of(text: str, pattern: re.Pattern, limit: int = 5) -> str:
    lines = list(dict.fromkeys(text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)))
    shown = ", ".join(map(str, lines[:limit]))
    return shown + (f" and {len(lines) - limit} more" if len(lines) > limit else "")


def remove_garbage(text: str) -> tuple[str, list[str]]:
    """Text without NUL padding and control characters, inner byte-order marks at line starts, separators as breaks."""
    notes = []
    body = text.rstrip("\x00 \t\n")
    if count := text[len(body):].count("\x00"):
        text = body + "\n"
        notes.append(f"removed {count:,} NUL characters at the end of the file (padding, not text)")
    if "\ufeff" in text:
        where = _lines_of(text, re.compile("\ufeff"))
        notes.append(f"removed {text.count(chr(0xFEFF))} byte-order mark(s) (U+FEFF) inside the text, "
                     f"on line {where}: were two files joined? The text after each starts a new paragraph")
        text = _BOM_INSIDE.sub("\n\ufeff", text)
    if "\u2029" in text or "\u2028" in text:
        text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
    controls = _CONTROL.findall(text)
    if controls and len(controls) <= _control_limit(text):
        kinds = ", ".join(f"U+{ord(c):04X} \u00d7{n}" for c, n in Counter(controls).most_common(5))
        notes.append(f"removed {len(controls)} control character(s) ({kinds}) on line {_lines_of(text, _CONTROL)}")
        text = _CONTROL.sub("", text)
    return text, notes


def _control_limit(text: str) -> int:
    return max(2, len(text[:100_000]) // 1000)


def _check_text(text: str, label: str) -> None:
    if not text.strip():
        raise CorpusError(f"{label}: the file contains only whitespace")
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls > _control_limit(text):
        raise CorpusError(
            f"{label}: {controls} control characters in the first 100,000 characters: "
            "this looks like a binary file, not a text"
        )
