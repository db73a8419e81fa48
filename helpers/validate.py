"""Parameter checks: one function per kind of check, one message style, one error type.

Every public function that takes a choice, a count or a range checks it here,
so a bad value fails at once with :class:`ParameterError` naming the
parameter, the value and what is allowed, never deep inside a library.
"""

from __future__ import annotations

import difflib
import numbers
import re
from collections.abc import Collection, Iterable

from .errors import ColumnError, ParameterError

__all__ = ["check_choice", "check_column", "check_columns", "check_disjoint", "check_given", "check_int",
           "check_known", "check_nonempty", "check_number", "check_pattern", "check_positive", "suggest"]


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
    """``value`` must be a whole number (int or a numpy integer, not a bool) within the bounds; returns it as
    ``int``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterError(f"{name}={value!r} must be a whole number, not {type(value).__name__}")
    _check_bounds(name, value, min_value, max_value)
    return int(value)


def check_number(name: str, value, *, min_value: float | None = None, max_value: float | None = None) -> float:
    """``value`` must be a real number (int, float or a numpy number, not a bool) within the bounds; returns it
    as ``float``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != value:
        raise ParameterError(f"{name}={value!r} must be a number")
    _check_bounds(name, value, min_value, max_value)
    return float(value)


def check_positive(name: str, value) -> float:
    """``value`` must be a real number above zero; returns it as ``float``."""
    value = check_number(name, value)
    if value <= 0:
        raise ParameterError(f"{name}={value!r} must be positive")
    return value


def check_given(name: str, value, *, because: str) -> None:
    """``value`` must not be None: another option (``because`` says which) needs it."""
    if value is None:
        raise ParameterError(f"{name} is missing: {because}")


def check_nonempty(name: str, values: Collection) -> None:
    """``values`` must hold at least one value."""
    if len(values) == 0:
        raise ParameterError(f"{name} is empty: choose at least one value")


def check_disjoint(name: str, values: Iterable, other_name: str, other: Iterable) -> None:
    """No value (compared as text) may be in both ``values`` and ``other``."""
    both = sorted({str(v) for v in values} & {str(v) for v in other})
    if both:
        raise ParameterError(f"{', '.join(both)} cannot be in both groups ({name} and {other_name})")


def check_known(name: str, values: Iterable, known: Collection, *, what: str = "value",
                counted: str = "values") -> None:
    """Every one of ``values`` must be in ``known`` (``what`` names one, ``counted`` several); the message
    lists the first 20 known ones and how many there are."""
    unknown = [v for v in values if v not in known]
    if unknown:
        listed = [str(k) for k in known]
        shown = ", ".join(listed[:20]) + (f" … ({len(listed):,} {counted})" if len(listed) > 20 else "")
        hint = suggest(unknown[0], listed) if len(unknown) == 1 else ""
        raise ParameterError(f"{name}: no {what} {', '.join(map(repr, unknown))}{hint}; known: {shown}")


def check_column(name: str, value: str, table, *, what: str = "the table has no column", hint: str = "") -> None:
    """The option ``name`` names a column, ``value``, that the DataFrame ``table`` must have.

    Raises :class:`ColumnError` (a ParameterError and a KeyError): ``name=value: what value; hint``.
    """
    if value not in table.columns:
        raise ColumnError(f"{name}={value!r}: {what} {value!r}" + (f"; {hint}" if hint else ""))


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
