"""Clear errors, right classes (issue 33): an unknown document id is a ParameterError naming the parameter and the
ids close to it, the same document twice is refused before any work, a full disk under the reports folder is one line
naming the folder with the previous reports intact, and a worker's KeyboardInterrupt prints no traceback."""

from __future__ import annotations

import pytest

from helpers import revisions
from helpers.errors import ParameterError


def test_an_unknown_old_doc_is_a_parameter_error_listing_close_ids(multi):
    with pytest.raises(ParameterError, match=r"old_doc='2021-03-05_reprot'.*2021-03-05_report") as info:
        revisions.choose(multi.documents, old="2021-03-05_reprot", new="2022-03-05_report")
    assert "\n" not in str(info.value)


def test_an_unknown_new_doc_is_named(multi):
    with pytest.raises(ParameterError, match=r"new_doc='2025-03-05_report'"):
        revisions.choose(multi.documents, new="2025-03-05_report")


def test_an_unknown_document_to_align_is_a_parameter_error(multi):
    with pytest.raises(ParameterError, match=r"new='2024-06-24_speeh'.*2024-06-24_speech"):
        revisions.align(multi, "2024-06-24_speech", "2024-06-24_speeh")


def test_a_document_compared_with_itself_is_refused_before_any_work(multi):
    with pytest.raises(ParameterError, match=r"old_doc and new_doc are both '2019-03-05_report'"):
        revisions.choose(multi.documents, old="2019-03-05_report", new="2019-03-05_report")
