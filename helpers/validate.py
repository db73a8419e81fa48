"""Parameter checks: one function per kind of check, one message style, one error type.

Every public function that takes a choice, a count or a range checks it here,
so a bad value fails at once with :class:`ParameterError` naming the
parameter, the value and what is allowed, never deep inside a library.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable

from .errors import ParameterError

__all__ = ["check_choice", "check_columns", "check_int", "check_number", "check_pattern", "suggest"]


def suggest(value: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known name, or an empty string."""
    close = difflib.get_close_matches(str(value), [str(k) for k in known], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_choice(name: str, value, choices: Collection) -> None:
    """``value`` must be one of ``choices`` (listed in the message, default first)."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ParameterError(f"unknown {name} {value!r}{suggest(value, choices)}; choose from {listed}")


def check_int(name: str, value, *, min_value: int | None = None, max_value: int | None = None) -> int:
    """``value`` must be a whole number (not a bool) within the bounds; returns it as ``int``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(f"{name}={value!r} must be a whole number, not {type(value).__name__}")
    _check_bounds(name, value, min_value, max_value)
    return int(value)


def check_number(name: str, value, *, min_value: float | None = None, max_value: float | None = None) -> float:
    """``value`` must be a real number (int or float, not a bool) within the bounds; returns it as ``float``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ParameterError(f"{name}={value!r} must be a number")
    _check_bounds(name, value, min_value, max_value)
    return float(value)


def _check_bounds(name: str, value, min_value, max_value) -> None:
    if min_value is not None and value < min_value:
        raise ParameterError(f"{name}={value!r} must be at least {min_value}")
    if max_value is not None and value > max_value:
        raise ParameterError(f"{name}={value!r} must be at most {max_value}")


def check_columns(name: str, table, required: Iterable[str]) -> None:
    """The DataFrame ``table`` (passed as ``name``) must have the ``required`` columns."""
    missing = [c for c in required if c not in table.columns]
    if missing:
        found = ", ".join(map(str, table.columns))
        raise ParameterError(f"{name} is missing column(s) {', '.join(missing)}; it has {found}")


def check_pattern(name: str, value: str) -> re.Pattern:
    """``value`` must be a valid regular expression; returns it compiled."""
    try:
        return re.compile(value)
    except re.error as error:
        where = f" at position {error.pos}" if error.pos is not None else ""
        raise ParameterError(f"{name}={value!r} is not a valid regular expression ({error.msg}{where}); "
                             "escape special characters such as ( [ { with a backslash, "
                             "or search for the literal text (regex=False)") from None
