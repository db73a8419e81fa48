"""The corpus: raw texts and their metadata, read, cleaned, structured and audited into DataFrames.

The stages, one module each:

- bytes to text (encoding detection, binary and truncation checks) is :mod:`helpers.ingest.textfile`;
- :mod:`~helpers.corpus.layout` — how a text marks its paragraphs (``documents.layout``), lines to blocks;
- :mod:`~helpers.corpus.clean` — lines joined, front matter set aside (run-together lines split),
  spaces and widths tidied;
- :mod:`~helpers.corpus.breaks` — paragraphs broken inside a sentence joined again, each repair recorded;
- :mod:`~helpers.corpus.sentences` — where sentences end (the one home of that rule);
- :mod:`~helpers.corpus.structure` — sections, headings and enumerations inside a document;
- :mod:`~helpers.corpus.dates` — date parsing (the one home of that rule);
- :mod:`~helpers.corpus.metadata` — ``metadata.csv`` rows, and metadata derived from a text;
- :mod:`~helpers.corpus.document` — one document from bytes to rows, with the character audit;
- :mod:`~helpers.corpus.boilerplate` — text the source added at the start or end of documents (licence notices,
  source and editor lines), found corpus-wide and set aside (:func:`boilerplate.apply`);
- :mod:`~helpers.corpus.editions` — editions and duplicates (``documents.edition_of``), :func:`first_editions`;
- :mod:`~helpers.corpus.model` — the :class:`Corpus` container and its tables;
- :mod:`~helpers.corpus.loader` — :func:`load`, the one entry point, with caching and worker processes;
- :mod:`~helpers.corpus.stream` — a folder's texts listed (:class:`CorpusStream`) and read chunk by chunk;
- :mod:`~helpers.corpus.parquet` — Parquet files of a corpus on disk: schemas, atomic writes, DuckDB, the lock;
- :mod:`~helpers.corpus.store_build` — the corpus store built chunk by chunk, the tables of a corpus on disk;
- :mod:`~helpers.corpus.store` — the corpus store read (:class:`CorpusStore`, :class:`StoredTable`);
- :mod:`~helpers.corpus.devcorpus` — assembling folders (the development corpus, test fixtures).
"""

from ..errors import CorpusError, CorpusWarning
from . import boilerplate
from .dates import parse_date
from .devcorpus import assemble
from .document import audit
from .editions import first_editions, later_editions
from .loader import load
from .metadata import METADATA_COLUMNS, derive_metadata
from .model import Corpus, accounting
from .sampling import sample, spread
from .store import CorpusStore, StoredTable

__all__ = ["METADATA_COLUMNS", "Corpus", "CorpusError", "CorpusStore", "CorpusWarning", "StoredTable", "accounting",
           "assemble", "audit", "boilerplate", "derive_metadata", "first_editions", "later_editions", "load",
           "parse_date", "sample", "spread"]
