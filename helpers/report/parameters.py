"""The notebooks' parameters: their names, types and allowed values, checked before any notebook runs.

The cell tagged ``parameters`` of each notebook names its parameters and their
defaults.  A parameter's type is that of its default (``int``, ``float``,
``str``, ``bool``; a list or tuple default means a list of strings); where the
default is None, its type is documented in :data:`NONE_DEFAULTS`.  A parameter
of a user's own notebook whose type cannot be told (a None default not listed
there, a default that is an expression) is of kind ``any``: ``--set`` gives it
the Python literal as written.  Ranges and
choices are in :data:`RULES`.  ``corpus_dir`` and ``figures_dir`` are the
runner's own (``--corpus``, ``--figures``) and cannot be set with ``--set``:
the runner writes figures to a staging folder and publishes them to the
``--figures`` folder only.

Every check raises :class:`~helpers.errors.ParameterError` naming the
parameter, the value and what is allowed; an unknown name lists the known ones
and suggests the closest.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..lexicon import STOPWORD_LISTS
from ..textstat import KEYNESS_MEASURES
from ..validate import check_choice, check_int, check_number, suggest

__all__ = ["NONE_DEFAULTS", "RESERVED", "RULES", "Parameter", "check", "declared", "parse"]

RESERVED = {"corpus_dir": "--corpus", "figures_dir": "--figures"}
# Types of the parameters whose default is None: "str", "bool" or "list" (of strings), or None.
NONE_DEFAULTS = {"stream": "bool", "target_doc": "str", "reference_docs": "list", "old_doc": "str", "new_doc": "str",
                 "dictionary_file": "str"}


def _positive(name: str, value) -> None:
    check_int(name, value, min_value=1)


def _seed(name: str, value) -> None:
    check_int(name, value, min_value=0, max_value=2**32 - 1)


def _stopword_lists(name: str, value) -> None:
    for item in value:
        check_choice(name, item, tuple(STOPWORD_LISTS))


def _measure(name: str, value) -> None:
    check_choice(name, value, KEYNESS_MEASURES)


def _share(name: str, value) -> None:
    check_number(name, value, min_value=0, max_value=1)


def _non_empty(name: str, value) -> None:
    if not value.strip():
        raise ParameterError(f"{name}={value!r} must not be empty")


def _dictionary_file(name: str, value) -> None:
    if value is not None:
        path = Path(value)
        if not path.is_file():
            raise ParameterError(f"{name}={value!r}: no such file; give a YAML, LIWC .dic or CSV dictionary")
        if path.suffix.lower() not in (".yml", ".yaml", ".dic", ".csv"):
            raise ParameterError(f"{name}={value!r}: a dictionary is a .yml/.yaml, .dic or .csv file")


RULES: dict[str, Callable[[str, object], None]] = {
    "top_n": _positive, "n_keywords": _positive, "n_topics": _positive, "min_count": _positive,
    "random_state": _seed, "stopword_lists": _stopword_lists, "measure": _measure,
    "concordance_term": _non_empty, "min_similarity": _share, "min_chars": _positive,
    "k_topics": _positive, "validation_n": _positive, "embedding_periods": _positive,
    "dictionary_file": _dictionary_file,
}


@dataclass(frozen=True)
class Parameter:
    """One parameter of one notebook: ``name``, ``default``, ``kind`` (int, float, bool, str, list, path, any)."""

    name: str
    default: object
    kind: str
    notebook: str


def _kind(name: str, default) -> str:
    if default is None:
        if name in RESERVED:
            return "path"
        return NONE_DEFAULTS.get(name, "any")  # the workspace's notebooks document theirs (tested)
    if isinstance(default, list | tuple):
        return "list"
    return type(default).__name__


def declared(path: Path) -> dict[str, Parameter]:
    """The parameters of the notebook ``path``, from its cell tagged ``parameters``."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    found: dict[str, Parameter] = {}
    for cell in nb["cells"]:
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        for node in ast.parse("".join(cell["source"])).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                try:
                    default = ast.literal_eval(node.value)
                except ValueError:  # an expression, e.g. Path("texts") in a user's notebook
                    found[name] = Parameter(name, ast.unparse(node.value), "any", path.name)
                    continue
                found[name] = Parameter(name, default, _kind(name, default), path.name)
    return found


def parse(text: str, kind: str):
    """A ``--set`` value as the ``kind`` it is meant to be; a string that is not a Python literal stays a string.

    A list may be written as a Python list or as comma-separated words (``科技,创新``); ``None`` is None.
    """
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = text
    if kind == "str" and not isinstance(value, str) and value is not None:
        return text  # concordance_term=2024 is the string "2024"
    if kind == "list" and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def _check_type(parameter: Parameter, value):
    """``value`` as the parameter's kind; ParameterError when it is not of that kind."""
    name, kind = parameter.name, parameter.kind
    shown = f"{name}={value!r}"
    default = f"(the default in {parameter.notebook} is {parameter.default!r})"
    if value is None and parameter.default is None:
        return None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterError(f"{shown} must be a whole number {default}")
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{shown} must be a number {default}")
        value = float(value)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise ParameterError(f"{shown} must be True or False {default}")
    elif kind == "str":
        if not isinstance(value, str):
            raise ParameterError(f"{shown} must be a string {default}")
    elif kind == "list" and parameter.default and all(isinstance(v, int) and not isinstance(v, bool)
                                                       for v in parameter.default):  # numbers: topic_ks = (5, 10)
        value = [value] if isinstance(value, int) else value
        if (not isinstance(value, list | tuple) or not value
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
            raise ParameterError(f"{shown} must be a list of whole numbers, e.g. {name}=5,10,20 {default}")
        value = type(parameter.default)(value)
    elif kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ParameterError(f"{shown} must be a list of strings, e.g. {name}=科技,创新 {default}")
        value = type(parameter.default)(value) if isinstance(parameter.default, list | tuple) else list(value)
    return value


def check(parameters: dict, notebooks: Sequence[Path]) -> dict:
    """``parameters`` checked against the parameters cells of ``notebooks``; returns them as their types.

    Raises ParameterError for a reserved name (``corpus_dir``, ``figures_dir``), a name no notebook
    declares, a value of the wrong type or out of range.
    """
    known: dict[str, list[Parameter]] = {}
    for path in notebooks:
        for name, parameter in declared(path).items():
            known.setdefault(name, []).append(parameter)
    checked = {}
    for name, value in parameters.items():
        if name in RESERVED:
            raise ParameterError(f"{name} cannot be set with --set: the runner sets it; use {RESERVED[name]} PATH "
                                 f"(outputs go only to the folders given by --figures and --reports)")
        if name not in known:
            names = sorted(n for n in known if n not in RESERVED)
            raise ParameterError(f"unknown parameter {name!r}{suggest(name, names)}; the notebooks run take "
                                 f"{', '.join(names)}")
        for parameter in known[name]:
            value = _check_type(parameter, value)
            if name in RULES and value is not None:
                RULES[name](name, value)
        checked[name] = value
    return checked
