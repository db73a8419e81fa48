"""Reading raw text files: encoding detection and decoding, with clear errors.

UTF-8 (with or without BOM) is tried first and strictly; UTF-16/32 with a BOM
are taken from the BOM; anything else is handed to charset-normalizer, and its
answer is accepted only if the bytes decode strictly and the result looks like
text.  Every failure is a :class:`~helpers.errors.CorpusError` naming the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Decoded:
    """A decoded text: ``text`` with newlines normalised to ``\\n``, and the ``encoding`` found."""

    text: str
    encoding: str


def read(path: Path, *, label: str | None = None) -> Decoded:
    """Read and decode ``path``; ``label`` names the file in error messages."""
    label = label or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CorpusError(f"{label}: cannot read the file ({error.strerror})") from None
    return decode(data, label=label)


def decode(data: bytes, *, label: str) -> Decoded:
    """Decode raw bytes of a text file; raise CorpusError when they are not text."""
    if not data:
        raise CorpusError(f"{label}: the file is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise CorpusError(f"{label}: this is a binary file ({kind}), not a text")
    text, encoding = _decode(data, label)
    _check_text(text, label)
    return Decoded(_NEWLINES.sub("\n", text), encoding)


def _decode(data: bytes, label: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise CorpusError(
                    f"{label}: starts with a {encoding} byte-order mark but byte {error.start} "
                    f"does not decode ({error.reason})"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        raise CorpusError(
            f"{label}: truncated UTF-8: the file ends in the middle of a character "
            f"(incomplete sequence from byte {utf8_error.start} of {len(data)}); "
            "was the download or copy cut short?"
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in {"utf_8", "utf-8"}:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise CorpusError(
            f"{label}: undecodable bytes: not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} "
            f"at offset {utf8_error.start}, line {line}) and no other encoding fits the whole file"
        )
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError as error:  # the detector tolerated errors the codec does not
        raise CorpusError(
            f"{label}: undecodable bytes: detected as {best.encoding}, "
            f"but byte {error.start} does not decode ({error.reason})"
        ) from None


def _check_text(text: str, label: str) -> None:
    if not text.strip():
        raise CorpusError(f"{label}: the file contains only whitespace")
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls > max(2, len(text[:100_000]) // 1000):
        raise CorpusError(
            f"{label}: {controls} control characters in the first 100,000 characters: "
            "this looks like a binary file, not a text"
        )
