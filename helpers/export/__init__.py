"""Results taken elsewhere: the document-feature matrix for R, Stata, Excel and Matrix Market readers
(:func:`dfm`), and every result table of a report run in one Excel workbook (:func:`tables`)."""

from .dfm import FORMATS, dfm
from .tables import tables

__all__ = ["FORMATS", "dfm", "tables"]
