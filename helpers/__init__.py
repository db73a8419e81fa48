"""Analysis helpers for a corpus of Chinese policy speeches.

The data flows one way: ``corpus.load`` reads and cleans the texts into
DataFrames, ``tokens.segment`` segments paragraphs into a tokens table, and the
``textstat``, ``themes`` and ``formulations`` modules turn tables into result
tables that ``textplot`` draws.  ``report`` runs the notebooks.
"""

__version__ = "0.1.0"
