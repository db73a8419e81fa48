"""Tokens: segmentation of the paragraphs table into the tokens table, and what marks its tokens.

- :mod:`~helpers.tokens.risk` — where the fast and the original jieba may cut differently (one home);
- :mod:`~helpers.tokens.tokenizer` — our own tokenizer instance with the policy dictionary;
- :mod:`~helpers.tokens.stopwords` — stopword marks, by list and by rule;
- :mod:`~helpers.tokens.table` — the tokens table built from a segmentation;
- :mod:`~helpers.tokens.segmentation` — :func:`segment`, chunked, parallel, cached;
- :mod:`~helpers.tokens.coverage` — how the dictionary's terms came out;
- :mod:`~helpers.tokens.dataset` — large corpora: the tokens as a partitioned Parquet dataset on disk;
- :mod:`~helpers.tokens.selection` — :func:`of_documents`, some documents of either.
"""

from .coverage import dictionary_coverage
from .dataset import TokenDataset, open_dataset
from .segmentation import segment
from .selection import of_documents
from .stopwords import is_rule_stop, mark_stopwords
from .table import TOKEN_COLUMNS
from .tokenizer import BACKENDS, Tokenizer, tokenizer

__all__ = ["BACKENDS", "TOKEN_COLUMNS", "TokenDataset", "Tokenizer", "dictionary_coverage", "is_rule_stop",
           "mark_stopwords", "of_documents", "open_dataset", "segment", "tokenizer"]
