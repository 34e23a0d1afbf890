"""The modal-dialog watchdog of tests/ui/conftest.py, run on inner test sessions in a subprocess: a
dialog nobody answers fails its test within the grace period, naming the dialog; a test that
answers its own dialog, or leaves a non-blocking open() dialog up, passes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.ui.conftest import DEFAULT_GRACE_S, GRACE_ENV, modal_grace_s

pytest_plugins = ["pytester"]

GRACE_S = 1.5

INNER_TESTS = """
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

GRACE_S = {grace}


def test_box_never_closed(qtbot):
    box = QMessageBox(QMessageBox.Icon.Critical, "Save failed", "Cannot write the case")
    box.setInformativeText("disk full")
    result = box.exec()
    print("EXEC_RETURNED", result)


def test_static_warning_from_a_slot_while_waiting(qtbot):
    QTimer.singleShot(0, lambda: QMessageBox.warning(None, "Meetings", "The room is taken"))
    qtbot.wait(100)


def test_own_failure_after_a_box(qtbot):
    QMessageBox.critical(None, "Oops", "first error")
    assert False, "own failure"


def test_answers_its_own_box(qtbot):
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = QMessageBox(QMessageBox.Icon.Question, "Delete", "Delete it?", buttons)
    QTimer.singleShot(300, lambda: box.button(QMessageBox.StandardButton.Yes).click())
    assert box.exec() == QMessageBox.StandardButton.Yes


def test_open_dialog_left_up_blocks_nothing(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = QDialog(parent)
    dialog.setWindowTitle("Edit")
    dialog.open()
    qtbot.wait(int(GRACE_S * 2500))
    assert dialog.isVisible()
    dialog.reject()


@pytest.fixture
def box_at_teardown(qapp):
    yield
    QMessageBox.information(None, "Closing", "Unsaved changes will be lost")


def test_box_in_fixture_teardown(box_at_teardown):
    pass
"""


def _call_seconds(lines: list[str], test: str) -> float:
    pattern = re.compile(rf"([0-9.]+)s call\s+\S*::{test}$")
    for line in lines:
        if m := pattern.search(line.strip()):
            return float(m.group(1))
    raise AssertionError(f"no call duration for {test} in the --durations report")


def test_unanswered_dialogs_fail_fast_with_their_words(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner=INNER_TESTS.format(grace=GRACE_S))
    monkeypatch.setenv(GRACE_ENV, str(GRACE_S))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("COLUMNS", "300")  # the summary lines whole, not cut at 80
    started = time.monotonic()
    # Without the watchdog the first inner test never returns: the timeout turns that into an error.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA", "--durations=0", timeout=180)
    elapsed = time.monotonic() - started

    result.assert_outcomes(passed=3, failed=3, errors=1)
    result.stdout.fnmatch_lines_random(
        [
            f"FAILED *::test_box_never_closed - Failed: modal dialog left open longer than {GRACE_S:g} s*",
            "*QMessageBox titled 'Save failed', open *s: Cannot write the case / disk full",
            "EXEC_RETURNED *",  # the watchdog's reject() let exec() return
            "FAILED *::test_static_warning_from_a_slot_while_waiting - Failed: modal dialog*",
            "*QMessageBox titled 'Meetings', open *s: The room is taken",
            "FAILED *::test_own_failure_after_a_box - AssertionError: own failure*",
            "*QMessageBox titled 'Oops', open *s: first error",
            "PASSED *::test_answers_its_own_box",
            "PASSED *::test_open_dialog_left_up_blocks_nothing",
            "PASSED *::test_box_in_fixture_teardown",
            "ERROR *::test_box_in_fixture_teardown - Failed: modal dialog left open*",
            "*QMessageBox titled 'Closing', open *s: Unsaved changes will be lost",
        ]
    )
    # Dismissed once the grace period is over, not before and not much later.
    for test in ("test_box_never_closed", "test_own_failure_after_a_box"):
        seconds = _call_seconds(result.outlines, test)
        assert GRACE_S - 0.05 <= seconds < GRACE_S + 5, (test, seconds)
    assert elapsed < 120


def test_a_bad_grace_period_stops_the_run_with_a_clear_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner="def test_nothing():\n    pass\n")
    monkeypatch.setenv(GRACE_ENV, "soon")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{GRACE_ENV}='soon': expected a positive number of seconds*"])


@pytest.mark.parametrize(("raw", "seconds"), [("", DEFAULT_GRACE_S), ("10", 10.0), (" 0.5 ", 0.5)])
def test_grace_period_read_from_the_environment(raw: str, seconds: float) -> None:
    assert modal_grace_s({GRACE_ENV: raw}) == seconds
    assert modal_grace_s({}) == DEFAULT_GRACE_S


@pytest.mark.parametrize("raw", ["0", "-1", "nan", "inf", "soon"])
def test_grace_period_that_is_not_a_positive_number_is_refused(raw: str) -> None:
    with pytest.raises(pytest.UsageError, match=GRACE_ENV):
        modal_grace_s({GRACE_ENV: raw})
