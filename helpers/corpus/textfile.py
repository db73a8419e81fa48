"""Moved to :mod:`helpers.ingest.textfile` (bytes → text belongs to the ingest stage, below the corpus).

Kept only while :mod:`helpers.corpus.loader` still imports it from here; it defines nothing of its own.
"""

from __future__ import annotations

from ..ingest.textfile import Decoded, decode, read, read_bytes, remove_garbage

__all__ = ["Decoded", "decode", "read", "read_bytes", "remove_garbage"]
