"""Metadata: the rows of ``metadata.csv``, checked; metadata derived from a text's front matter or a table's row.

``metadata.csv`` has one row per document with the columns
:data:`METADATA_COLUMNS` (further columns are kept).  Every problem with a row
raises :class:`CorpusError` naming the file and line; all problems of the file
are reported together.  The rows of a corpus table (read by
:func:`helpers.ingest.read_table`) get their genre and year completed by
:func:`complete_rows`, with the same rules (:mod:`.genres`, :mod:`.dates`) as a text.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..config import METADATA_FILE
from ..errors import CorpusError
from ..ingest import textfile
from ..ingest.table import long_fields, values_of
from ..punctuation import COLONS, SESSION_BREAKS
from .clean import OFFICES
from .dates import find_date, find_year, parse_date, parse_year, year_of
from .genres import genre_name, genre_of

__all__ = ["CONGRESS_YEARS", "METADATA_COLUMNS", "MetaRow", "complete_rows", "derive_metadata", "npc_session_year",
           "read_metadata", "resolve_file"]

METADATA_COLUMNS = ["doc_id", "file", "title", "speaker", "date", "occasion", "genre", "source"]
_OCCASION = re.compile(r"在(.{4,80}?)上(?:的讲话|发表|作)?")
_SPEAKER_NOTE = re.compile(r"这是([\u4e00-\u9fff]{2,4}?)(?:同志|总书记|主席|总理|委员长)")
_TITLE_PREFIX = re.compile(rf"^[\u4e00-\u9fff]{{2,4}}[{COLONS}]")
_NAME = re.compile(rf"^(?:.{{0,12}}?(?:{OFFICES}))?([\u4e00-\u9fff·]{{2,4}})$")
_SESSION = re.compile(rf"向(第[^{SESSION_BREAKS}]{{2,30}}?(?:会议|大会))")


@dataclass(frozen=True)
class MetaRow:
    """One checked row of metadata.csv: its line number, its values and the file it describes."""

    line: int
    values: dict[str, str]
    path: Path


def resolve_file(folder: Path, value: str, where: str, *, root: Path | None = None) -> Path:
    """The file a ``file`` value names, resolved; :class:`CorpusError` naming ``where`` if it is not a
    text file inside ``folder`` (``root``: ``folder`` resolved, when the caller has it)."""
    if not value.strip():
        raise CorpusError(f"{where}: the 'file' column is empty")
    raw = Path(value.strip())
    if raw.is_absolute():
        raise CorpusError(f"{where}: file {value!r} is an absolute path; give it relative to {folder}")
    root = root if root is not None else folder.resolve()
    if len(raw.parts) == 1 and raw.name not in (".", ".."):  # a plain file of the folder: one lstat, no resolve
        try:
            if stat.S_ISREG(os.lstat(root / raw).st_mode):
                return root / raw
        except OSError:
            pass  # told below
    try:
        path = (folder / raw).resolve()
    except (RuntimeError, OSError) as error:  # a symbolic link loop
        raise CorpusError(f"{where}: file {value!r} cannot be resolved ({error}); remove the link") from None
    if not path.is_relative_to(root):
        raise CorpusError(f"{where}: file {value!r} resolves to {path}, outside the corpus folder {folder}")
    if path.is_dir():
        raise CorpusError(f"{where}: file {value!r} is a folder, not a text file")
    if not path.exists() and (folder / raw).is_symlink():
        raise CorpusError(f"{where}: file {value!r} is a link to {path}, which does not exist")
    if not path.is_file():
        raise CorpusError(f"{where}: file {value!r} does not exist in {folder}")
    return path


def read_metadata(folder: Path) -> tuple[list[MetaRow], list[str]]:
    """The checked rows of ``folder/metadata.csv`` (none if there is no such file), and notes on the file.

    Notes are what decoding the file found (a guessed encoding, garbage removed); every problem of a
    row (a quote never closed, a quote that swallows the next row, missing or extra fields, a duplicated
    column) is a :class:`CorpusError` naming the line.  A quoted field may run over several lines (a
    row's problems then name its lines, ``lines 2–3``).
    """
    meta_path = folder / METADATA_FILE
    if not meta_path.exists() and not meta_path.is_symlink():
        return [], []
    decoded = textfile.read(meta_path, label=str(meta_path))
    with long_fields():
        records, header = _records(decoded.text, meta_path)
    columns = [c.strip() for c in header]
    repeated = sorted({c for c in columns if columns.count(c) > 1 and c})
    if repeated:
        where = "; ".join(f"{c!r} in columns {', '.join(str(i + 1) for i, x in enumerate(columns) if x == c)}"
                          for c in repeated)
        raise CorpusError(f"{meta_path}, line 1: duplicated column name(s): {where}; keep one of each")
    missing = [c for c in METADATA_COLUMNS if c not in columns]
    if missing:
        raise CorpusError(f"{meta_path}: missing required column(s): {', '.join(missing)}")
    rows: list[MetaRow] = []
    problems: list[str] = []
    physical = io.StringIO(decoded.text).readlines()
    seen_ids: dict[str, int] = {}
    seen_files: dict[Path, int] = {}
    root = folder.resolve()
    for line, end, fields in records:
        if len(fields) != len(columns):
            what = "more" if len(fields) > len(columns) else "fewer"
            problems.append(f"{meta_path}, line {line}: {what} fields than columns ({len(fields)} for {len(columns)})")
            continue
        values = {c: v.strip() for c, v in zip(columns, fields, strict=True) if c}
        if end > line and _swallows_a_row(physical[line - 1:end], len(columns)):
            column = next(c for c, v in zip(columns, fields, strict=True) if "\n" in v)
            problems.append(f"{meta_path}, line {line}: the row runs on to line {end} inside the quoted "
                            f"{column!r} field: is a closing quote missing?")
            continue
        doc_id = values["doc_id"]
        span = f"line {line}" if end == line else f"lines {line}–{end}"
        where = f"{meta_path}, {span} (doc_id {doc_id!r})"
        try:
            if not doc_id:
                raise CorpusError(f"{where}: doc_id is empty")
            if doc_id in seen_ids:
                raise CorpusError(f"{where}: duplicate doc_id, already used on line {seen_ids[doc_id]}")
            if values["date"] and parse_date(values["date"]) is None:
                raise CorpusError(f"{where}: unparsable date {values['date']!r}; write it as YYYY-MM-DD")
            path = resolve_file(folder, values["file"], where, root=root)
            if path in seen_files:
                link = "" if folder / values["file"].strip() == path else f" (it is a link to {path.name})"
                raise CorpusError(f"{where}: file {values['file']!r} is already described on line "
                                  f"{seen_files[path]}{link}")
        except CorpusError as error:
            problems.append(str(error))
            continue
        seen_ids[doc_id] = line
        seen_files[path] = line
        rows.append(MetaRow(line, values, path))
    if problems:
        raise CorpusError("\n".join(problems))
    return rows, [f"{meta_path}: {note}" for note in decoded.notes]


def _swallows_a_row(lines: list[str], width: int) -> bool:
    """Whether a record over several ``lines`` holds a line that is a whole row by itself (``width``
    fields, quotes ignored): a quote left open swallowed the next row.  A field written over several lines
    (a title, a note) holds no such line."""
    return any(len(next(csv.reader([line.rstrip("\r\n")], quoting=csv.QUOTE_NONE), [])) == width
               for line in lines)


def _records(text: str, meta_path: Path) -> tuple[list[tuple[int, int, list[str]]], list[str]]:
    """``(first line, last line, fields)`` of every non-empty record, and the header's fields."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records = []
    start = 1
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                records.append((start, reader.line_num, fields))
            start = reader.line_num + 1
    except csv.Error as error:
        raise CorpusError(f"{meta_path}, line {start}: malformed CSV ({error}); is a quote opened on this "
                          "line never closed? Quote a field that holds a comma or a quote, and double inner quotes"
                          ) from None
    if not records:
        return [], []
    return records[1:], records[0][2]


def derive_metadata(set_aside: list[dict], paragraphs: list[str], *, name: str = "") -> dict[str, tuple[str, str]]:
    """Metadata derived from a text: ``{column: (value, where it came from)}``.

    Columns ``title, speaker, date, year, occasion, genre``, as far as the
    front matter (``set_aside`` rows in reading order), the first paragraphs
    and the file ``name`` give them:

    - ``title``: the last run of title lines (a title over several lines is
      joined), else a subtitle ``——在…上的讲话``; a government work report
      gets its year, ``政府工作报告（2017）``, and one with no title line is
      named from its genre and year;
    - ``speaker``: a byline, with an office before the name (``国务院总理李克强``)
      and spaced names (``习　近　平``) read as the name, else a footnote
      ``这是习近平同志…``;
    - ``date``: the first date in a date line, subtitle, footnote, header or
      title (``（2017年10月18日）``, ``2024年6月24日``), else the file name;
      ``year`` alone when only a year is written in a title;
    - ``occasion``: ``在…上`` in a subtitle, title or footnote, or the session
      a work report is made to (``向第十届全国人民代表大会第一次会议``);
    - ``genre``: ``resolution``, ``government work report``, ``party congress
      report`` or ``speech`` (see :func:`helpers.corpus.genres.genre_of`).
    """
    by_kind: dict[str, list[str]] = {}
    for row in set_aside:
        by_kind.setdefault(row["kind"], []).append(row["text"])
    derived: dict[str, tuple[str, str]] = {}
    runs = _title_runs(set_aside)
    if runs:
        lines, where = runs[-1]
        derived["title"] = (_TITLE_PREFIX.sub("", _join_title(lines).replace("※", "")).strip(), where)
    elif by_kind.get("subtitle"):
        derived["title"] = (by_kind["subtitle"][0].lstrip("—-").strip(), "the subtitle line")
    for text in by_kind.get("byline", []):
        if match := _NAME.match(text):
            derived["speaker"] = (match.group(1), f"the byline {text!r}")
    if "speaker" not in derived:
        for note in by_kind.get("footnote", []):
            if match := _SPEAKER_NOTE.search(note):
                derived["speaker"] = (match.group(1), "the footnote")
                break
    for kind in ("dateline", "subtitle", "footnote", "header", "title"):
        for text in by_kind.get(kind, []):
            if "date" not in derived and (date := find_date(text)):
                derived["date"] = (date.isoformat(), f"the {kind} {text[:40]!r}")
            occasion = _OCCASION.search(text) if kind in ("footnote", "subtitle", "title") else None
            if occasion and "occasion" not in derived:
                derived["occasion"] = (occasion.group(1), f"the {kind} {text[:40]!r}")
    if "date" not in derived and (date := parse_date(name[:10])):
        derived["date"] = (date.isoformat(), "the file name")
    if "date" not in derived:
        for text in by_kind.get("title", []):
            if (found := find_year(text)) is not None:
                derived["year"] = (str(found), f"the title {text!r}")
                break
    opening = "".join(paragraphs[:3])[:600]
    if "occasion" not in derived and (match := _SESSION.search(opening)):
        derived["occasion"] = (match.group(1), "the opening paragraph")
    genre = genre_of(" ".join(by_kind.get("title", []) + by_kind.get("subtitle", [])), opening)
    if genre:
        derived["genre"] = (genre, "the title and opening paragraph")
    year = derived.get("date", derived.get("year", ("", "")))[0][:4]
    if genre == "government work report" and year:
        title, where = derived.get("title", ("政府工作报告", "the genre"))
        if title == "政府工作报告":
            derived["title"] = (f"政府工作报告（{year}）", f"{where} and the year")
    return derived


# Year of each CPC National Congress (a ``congress`` column), and of each NPC session named in a title
# (第N届全国人民代表大会第K次会议): the 1st–5th NPCs explicitly, from the 6th on one session a year.
CONGRESS_YEARS = dict(enumerate([1921, 1922, 1923, 1925, 1927, 1928, 1945, 1956, 1969, 1973, 1977, 1982,
                                 1987, 1992, 1997, 2002, 2007, 2012, 2017, 2022], start=1))
NPC_SESSION_YEARS = {1: [1954, 1955, 1956, 1957, 1958], 2: [1959, 1960, 1962, 1963], 3: [1964], 4: [1975],
                     5: [1978, 1979, 1980, 1981, 1982]}
_NPC_SESSION = re.compile(r"第([一二三四五六七八九十]+)[届屆]全[国國]人民代表大[会會]"
                          r"第([一二三四五六七八九十]+)次[会會][议議]")
_NUMERALS = dict(zip("一二三四五六七八九", range(1, 10), strict=True))


def _numeral(text: str) -> int:
    """一 … 九十九 as an integer."""
    if "十" not in text:
        return _NUMERALS[text]
    tens, _, units = text.partition("十")
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)


def npc_session_year(title: str) -> int | None:
    """The year of the NPC session a title names (``第十三届全国人民代表大会第二次会议`` → 2019), or None."""
    match = _NPC_SESSION.search(title or "")
    if not match:
        return None
    term, session = _numeral(match.group(1)), _numeral(match.group(2))
    if term >= 6:
        return 1983 + 5 * (term - 6) + session - 1
    years = NPC_SESSION_YEARS.get(term, [])
    return years[session - 1] if session <= len(years) else None


def complete_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """A copy of a corpus table's rows (:func:`helpers.ingest.read_table`) with genre and year completed.

    ``genre``: the table's own value spelled the workspace's way (:func:`~helpers.corpus.genres.genre_name`),
    else the genre the title shows (:func:`~helpers.corpus.genres.genre_of`, the text reader's rule);
    ``year`` (``Int64``): the table's year, else the year of the date, of a year written in the title, of the
    NPC session the title names, or of the party congress a ``congress`` column numbers.  Returns the same
    columns with ``derived`` added after ``text``: what was derived and from where (``genre from title;
    year from date``), empty when nothing was.
    """
    congress = rows["congress"] if "congress" in rows.columns else pd.Series(None, index=rows.index, dtype=object)
    cells_of = [values_of(column) for column in (rows["title"], rows["genre"], rows["year"], rows["date"], congress)]
    done: dict[tuple, tuple[str, int | None, str]] = {}  # each distinct cell tuple completed once (a long table)
    genres, years, derived = [], [], []
    for cells in zip(*cells_of, strict=True):
        try:
            completed = done.get(cells)
        except TypeError:  # a cell that cannot be hashed (a list in a JSON table)
            completed = None
        if completed is None:
            completed = _completed(*cells)
            try:
                done[cells] = completed
            except TypeError:
                pass
        genres.append(completed[0])
        years.append(completed[1])
        derived.append(completed[2])
    out = rows.assign(genre=genres, year=pd.array(years, dtype="Int64"))
    at = list(out.columns).index("text") + 1 if "text" in out.columns else len(out.columns)
    out.insert(at, "derived", derived)
    return out


def _completed(title, genre, year, date, number) -> tuple[str, int | None, str]:
    """One row's genre, year and what was derived (see :func:`complete_rows`)."""
    title, said = str(title or ""), []
    genre = genre_name(str(genre or ""))
    if not genre and (genre := genre_of(title)):
        said.append("genre from title")
    found, source = _derived_year(title, date, number) if (found := parse_year(year)) is None else (found, "")
    if source:
        said.append(f"year from {source}")
    return genre, found, "; ".join(said)


def _derived_year(title: str, date, congress) -> tuple[int | None, str]:
    """A table row's year when its year cell is empty, and where it came from (first found wins)."""
    for source, year in (("date", year_of(str(date or ""))), ("title", find_year(title)),
                         ("the NPC session in the title", npc_session_year(title)),
                         ("the congress number", CONGRESS_YEARS.get(parse_year(congress) or 0))):
        if year is not None:
            return year, source
    return None, ""


def _title_runs(set_aside: list[dict]) -> list[tuple[list[str], str]]:
    """Runs of title rows next to each other (no other kind between), with the lines they come from."""
    runs: list[list] = []
    previous = None
    for row in set_aside:
        if row["kind"] == "title":
            if previous is not None and previous["kind"] == "title":
                runs[-1][0].append(row["text"])
                runs[-1][2] = row["line_end"]
            else:
                runs.append([[row["text"]], row["line_start"], row["line_end"]])
        previous = row
    return [(lines, f"the title line {a}" if a == b else f"the title lines {a}–{b}") for lines, a, b in runs]


def _join_title(lines: list[str]) -> str:
    """Title lines as one title: a fragment (1–2 characters) is glued on, whole phrases get a space."""
    title = lines[0]
    for line in lines[1:]:
        title += line if len(line) <= 2 or len(title) <= 2 else " " + line
    return title
