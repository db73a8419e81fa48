"""The tables of a tokens dataset and their encodings (written by :func:`helpers.corpus.parquet.write_file`)."""

from __future__ import annotations

__all__ = ["OPTIONS", "STAGE", "TABLES"]

# written in this order, the tokens file last (a chunk whose tokens file exists is finished)
TABLES = ("words", "docterms", "vocab", "tokens")
STAGE = "tokens-dataset"  # the folder of the datasets in the cache folder
# the tokens' doc_id, token and pos come as dictionary arrays: Parquet stores their codes as they are (no
# hashing) and, without the Arrow schema, every reader gets strings; no min/max of the strings (no query
# can skip a chunk by them: each holds tokens from 的 to 龙)
# token_no, start and end rise by small steps: delta-encoded, not as dictionaries of nearly unique values
# (100 tokens files of the 1,000 M benchmark: 233 MB instead of 373 MB); the other columns repeat: dictionaries
OPTIONS = {"tokens": {"store_schema": False,
                       "use_dictionary": ["doc_id", "para_no", "sent_no", "token", "pos", "is_stop"],
                       "column_encoding": {c: "DELTA_BINARY_PACKED" for c in ("token_no", "start", "end")},
                       "write_statistics": ["para_no", "sent_no", "token_no", "start", "end", "is_stop"]},
            "docterms": {"store_schema": False, "write_statistics": ["doc_id", "is_stop", "n", "paras"]}}
