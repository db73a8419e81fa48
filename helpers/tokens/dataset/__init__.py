"""The tokens dataset: a large corpus segmented chunk by chunk into partitioned Parquet files on disk.

One job per module: :mod:`.files` (the tables, schemas, encodings; atomic writes), :mod:`.chunk` (one chunk
read, segmented and written, in a worker), :mod:`.finish` (the corpus-wide tables and the manifest),
:mod:`.builder` (:func:`build` and :func:`find`: the key, the lock, the parallel chunks, resuming),
:mod:`.reader` (:class:`TokenDataset`, :func:`open_dataset`), :mod:`.connection` (DuckDB).

:func:`build` walks a :class:`~helpers.corpus.stream.CorpusStream` in chunks of
whole documents (about :data:`CHUNK_BYTES` of raw text each), in worker
processes, and each worker writes its chunk's tables itself; the parent only
counts.  The dataset lives in ``<cache folder>/tokens-dataset/<key>-<chunk_bytes>/``,
keyed like every other cache (:func:`dataset_key`, through :func:`helpers.cache.key`:
the folder, its metadata and every file's bytes, the backend, the dictionary file, the
code of this package and all it imports, the library versions); :func:`find` returns
only a dataset of that full key (any chunk size, whose files hold the same tables).
Each table folder holds one file per chunk::

    tokens/part-00012.parquet       the tokens table (TOKEN_COLUMNS), is_stop by rule only
    paragraphs/part-00012.parquet   the paragraphs table (section as text) + n_words
    documents/part-00012.parquet    the documents table + n_words
    sentences/part-00012.parquet    the sentences table without its text (doc_id, para_no, sent_no, start, end,
                                    n_chars: the text is the paragraph's text[start:end])
    set_aside/, list_items/, repairs/, notes/   those tables of Corpus, as they are
    docterms/part-00012.parquet     doc_id, token, pos, is_stop, n, paras: word tokens counted per document
    vocab/part-00012.parquet        token, is_word: the chunk's distinct tokens
    documents.parquet, vocab.parquet    the whole corpus' documents and distinct tokens, once every chunk is there
    terms.parquet                  token, pos, is_stop, n, docs, paras: docterms summed over the corpus
    complete.json                  written last: the dataset is finished

Stopword lists are not in the files: :class:`TokenDataset` marks the words of its ``stopword_lists`` when it
reads them, so one dataset serves ``("general",)`` and ``("general", "policy")`` alike.
``n_words`` counts word tokens (all but punctuation, symbols and digits), the denominator of ``per_10k``.
Each file is written under a temporary name and renamed, the tokens file last: a chunk whose tokens file
exists is finished, so an interrupted build resumes from the chunks it lacks.  Any engine that reads a
folder of Parquet files (DuckDB, Spark, Dask, Ray, pyarrow) reads these tables as they are.
"""

from .builder import build, dataset_key, find
from .files import CHUNK_BYTES, TABLES
from .reader import TokenDataset, open_dataset

__all__ = ["CHUNK_BYTES", "TABLES", "TokenDataset", "build", "dataset_key", "find", "open_dataset"]
