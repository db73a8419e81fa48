"""Dictionary files read and written: quanteda/Lexicoder YAML, LIWC ``.dic`` and two-column CSV.

A dictionary is one DataFrame ``category, term`` (both strings): the rows of each category together, the
categories in the order they first appear in the file, each category's terms in file order, a term listed twice
under one category kept once.  Nested YAML categories are flattened as quanteda flattens them, the keys joined with
``"."`` (``经济: {增长: [...]}`` gives the category ``经济.增长``); writing YAML nests them back.  A multi-word
entry (``国家 安全``) is kept as written; :func:`helpers.textstat.lookup.lookup` counts it as the words joined.
A glob entry (``经济*``, LIWC's habit) is kept as written, a prefix pattern that ``lookup`` matches against
whole tokens.  The theme codebook (``helpers/lexicons/themes.csv``, columns ``theme, term, note``) reads as a
CSV dictionary (its ``note`` column left out).

:func:`read` and :func:`write` choose the format by the file's suffix (``.yml``/``.yaml``, ``.dic``, ``.csv``);
``read(write(table, p)) `` equals ``table`` for a table as read.  An unreadable file raises
:class:`~helpers.errors.CorpusError` naming the file and the line.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import yaml

from ..errors import CorpusError, ParameterError
from ..outputs import write_text
from ..validate import check_choice, check_columns

__all__ = ["COLUMNS", "FORMATS", "SEPARATOR", "from_rows", "read", "write"]

COLUMNS = ["category", "term"]
SEPARATOR = "."  # nested category keys joined as quanteda joins them
FORMATS = {".yml": "yaml", ".yaml": "yaml", ".dic": "liwc", ".csv": "csv"}
_CSV_HEADERS = (["category", "term"], ["theme", "term"], ["theme", "term", "note"])


def _format(path: Path) -> str:
    check_choice("path suffix", path.suffix.lower(), list(FORMATS))
    return FORMATS[path.suffix.lower()]


def from_rows(rows: list[tuple[str, str]], *, categories: list[str] | None = None) -> pd.DataFrame:
    """The dictionary table of ``(category, term)`` pairs: grouped by category (in ``categories`` order, else the
    order of first appearance), terms in the order given, duplicates dropped.  Returns ``category, term``."""
    table = pd.DataFrame(rows, columns=COLUMNS, dtype=object).drop_duplicates(COLUMNS)
    order = list(dict.fromkeys([*(categories or []), *table["category"]]))
    rank = {c: i for i, c in enumerate(order)}
    table = table.assign(_rank=table["category"].map(rank)).sort_values("_rank", kind="stable")
    return table.drop(columns="_rank").reset_index(drop=True).astype({"category": object, "term": object})


def read(path: Path | str) -> pd.DataFrame:
    """The dictionary in ``path`` (YAML, LIWC ``.dic`` or CSV, by suffix): ``category, term`` (see the module)."""
    path = Path(path)
    kind = _format(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ParameterError(f"path={str(path)!r}: no such dictionary file") from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise CorpusError(f"{path}, line {line}: not UTF-8 text ({error.reason})") from None
    rows, categories = {"yaml": _read_yaml, "liwc": _read_liwc, "csv": _read_csv}[kind](text, path)
    if not rows:
        raise CorpusError(f"{path}: no terms found (an empty dictionary)")
    return from_rows(rows, categories=categories)


def _read_yaml(text: str, path: Path) -> tuple[list[tuple[str, str]], None]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise CorpusError(f"{path}{where}: not YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise CorpusError(f"{path}, line {line}: a dictionary file maps category names to lists of terms")
    rows: list[tuple[str, str]] = []
    _walk(root, [], rows, path)
    return rows, None


def _scalar(node: yaml.Node, path: Path, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise CorpusError(f"{path}, line {node.start_mark.line + 1}: expected a {what} (a non-empty string)")
    return str(node.value).strip()


def _walk(node: yaml.MappingNode, keys: list[str], rows: list[tuple[str, str]], path: Path) -> None:
    for key_node, value in node.value:
        name = [*keys, _scalar(key_node, path, "category name")]
        category = SEPARATOR.join(name)
        if isinstance(value, yaml.MappingNode):
            _walk(value, name, rows, path)
        elif isinstance(value, yaml.SequenceNode):
            rows.extend((category, _scalar(item, path, "term")) for item in value.value)
        else:
            rows.append((category, _scalar(value, path, "term or list of terms")))


_HEADER_LINE = re.compile(r"^\s*(\d+)\s+(\S.*?)\s*$")


def _read_liwc(text: str, path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise CorpusError(f"{path}, line {(marks[0] + 2) if marks else 1}: a LIWC file starts with a block of "
                          f"numbered categories between two lines '%'")
    names: dict[str, str] = {}
    for number in range(marks[0] + 1, marks[1]):
        line = lines[number]
        if not line.strip():
            continue
        found = _HEADER_LINE.match(line)
        if not found:
            raise CorpusError(f"{path}, line {number + 1}: expected 'number<tab>category', got {line.strip()!r}")
        if found.group(1) in names:
            raise CorpusError(f"{path}, line {number + 1}: category number {found.group(1)} is used twice")
        names[found.group(1).lstrip("0") or "0"] = found.group(2)
    rows = []
    for number in range(marks[1] + 1, len(lines)):
        line = lines[number].strip()
        if not line:
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        split = len(parts)
        while split > 1 and parts[split - 1].strip().isdigit():
            split -= 1
        term = " ".join(" ".join(parts[:split]).split())
        numbers = [p.strip().lstrip("0") or "0" for p in parts[split:]]
        if not term or not numbers:
            raise CorpusError(f"{path}, line {number + 1}: expected 'term<tab>category numbers', got {line!r}")
        unknown = [n for n in numbers if n not in names]
        if unknown:
            raise CorpusError(f"{path}, line {number + 1}: category number {unknown[0]} of {term!r} is not in the "
                              f"header block")
        rows.extend((names[n], term) for n in numbers)
    return rows, list(names.values())


def _read_csv(text: str, path: Path) -> tuple[list[tuple[str, str]], None]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if header not in _CSV_HEADERS:
        raise CorpusError(f"{path}, line 1: expected the header 'category,term' (or the codebook's "
                          f"'theme,term,note'), got {','.join(header)!r}")
    rows = []
    for fields in reader:
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header) or not fields[0].strip() or not fields[1].strip():
            raise CorpusError(f"{path}, line {reader.line_num}: expected {len(header)} fields "
                              f"({','.join(header)}) with a category and a term, got {fields!r}")
        rows.append((fields[0].strip(), fields[1].strip()))
    return rows, None


def write(table: pd.DataFrame, path: Path | str) -> Path:
    """Write the dictionary ``table`` (``category, term``) to ``path`` in the format its suffix names (YAML
    nested by the ``"."`` in category names; LIWC ``.dic`` with categories numbered from 1 in table order and one
    line per row, so a term of several categories has a line for each and every category keeps its order; or
    CSV ``category,term``), UTF-8, written atomically.  Returns the path."""
    path = Path(path)
    kind = _format(path)
    check_columns("table", table, COLUMNS)
    table = from_rows(list(zip(table["category"].astype(str), table["term"].astype(str), strict=True)))
    text = {"yaml": _yaml_text, "liwc": _liwc_text, "csv": _csv_text}[kind](table)
    return write_text(path, text)


def _yaml_text(table: pd.DataFrame) -> str:
    tree: dict = {}
    for category, terms in table.groupby("category", sort=False)["term"]:
        *parents, leaf = category.split(SEPARATOR)
        level = tree
        for key in parents:
            level = level.setdefault(key, {})
            if not isinstance(level, dict):
                raise ParameterError(f"table: category {category!r} nests under {key!r}, which has terms of its "
                                     f"own; YAML cannot hold both (rename one, or write CSV)")
        if leaf in level:
            raise ParameterError(f"table: category {category!r} has terms and subcategories; YAML cannot hold both "
                                 f"(rename one, or write CSV)")
        level[leaf] = terms.tolist()
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _liwc_text(table: pd.DataFrame) -> str:
    categories = list(dict.fromkeys(table["category"]))
    number = {c: i + 1 for i, c in enumerate(categories)}
    lines = ["%", *(f"{number[c]}\t{c}" for c in categories), "%"]
    lines += [f"{term}\t{number[category]}" for category, term in zip(table["category"], table["term"], strict=True)]
    return "\n".join(lines) + "\n"


def _csv_text(table: pd.DataFrame) -> str:
    buffer = io.StringIO()
    table[COLUMNS].to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
