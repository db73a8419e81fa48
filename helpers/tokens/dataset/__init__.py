"""The tokens dataset: a corpus on disk segmented chunk by chunk into partitioned Parquet files.

One job per module: :mod:`.files` (the tables and their encodings), :mod:`.chunk` (one chunk of the corpus store
segmented and written, in a worker), :mod:`.finish` (the corpus-wide tables and the manifest), :mod:`.builder`
(:func:`build` and :func:`find`: the key, the lock, the parallel chunks, resuming), :mod:`.reader`
(:class:`TokenDataset`, :func:`open_dataset`).

:func:`build` segments the chunks of a corpus store (:mod:`helpers.corpus.store`: the corpus' tables, built
first if needed) in worker processes, each writing its chunk's tables under the same chunk number; the parent
only counts.  The dataset lives in ``<cache folder>/tokens-dataset/<key>/``, keyed like every other cache
(:func:`dataset_key`: the store's own key and chunking, the backend, the dictionary file, the code of this
package and all it imports, the library versions); :func:`find` returns only a dataset of that full key.
Each table folder holds one file per chunk::

    tokens/part-00012.parquet       the tokens table (TOKEN_COLUMNS), is_stop by rule only
    words/part-00012.parquet        doc_id, para_no, n_words: the word tokens of each paragraph
    docterms/part-00012.parquet     doc_id, token, pos, is_stop, n, paras: word tokens counted per document
    vocab/part-00012.parquet        token, is_word: the chunk's distinct tokens
    documents.parquet               the store's documents with n_words
    vocab.parquet, terms.parquet    the distinct tokens; docterms summed over the corpus (token, pos, is_stop, n,
                                    docs, paras)
    works.parquet                   the same sums over each work once (later editions left out), what a
                                    frequency table of each work once reads
    complete.json                   written last: the dataset is finished (the store's folder in "store")

Stopword lists are not in the files: :class:`TokenDataset` marks the words of its ``stopword_lists`` when it
reads them, so one dataset serves ``("general",)`` and ``("general", "policy")`` alike.
``n_words`` counts word tokens (all but punctuation, symbols and digits), the denominator of ``per_10k``.
Each file is written under a temporary name and renamed, the tokens file last: a chunk whose tokens file
exists is finished, so an interrupted build resumes from the chunks it lacks.  Any engine that reads a
folder of Parquet files (DuckDB, Spark, Dask, Ray, pyarrow) reads these tables as they are.
"""

from ...corpus.parquet import CHUNK_BYTES
from .builder import build, dataset_key, find
from .files import TABLES
from .reader import TokenDataset, open_dataset

__all__ = ["CHUNK_BYTES", "TABLES", "TokenDataset", "build", "dataset_key", "find", "open_dataset"]
