"""Every kind of event the core writes into a case's timeline has a label in the case panel, in
Chinese too: an action code the panel does not know is shown raw ("action_item")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from db.vocab import Action
from tests.ui.language import ui_language
from ui.cases.panel import action_label

ROOT = Path(__file__).resolve().parents[2]


def _written_actions() -> set[str]:
    """The action codes passed to add_case_event anywhere in desktop/: string literals, the
    ``str(Action.X)`` form (all of Action), and a variable assigned string literals in the same
    function (``action = "a" if … else "b"``)."""
    found: set[str] = {str(a) for a in Action}
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef):
                continue
            for call in ast.walk(func):
                if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "add_case_event"):
                    continue
                arg = call.args[3] if len(call.args) > 3 else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                elif isinstance(arg, ast.Name):
                    for node in ast.walk(func):
                        if isinstance(node, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == arg.id for t in node.targets
                        ):
                            found |= {
                                c.value
                                for c in ast.walk(node.value)
                                if isinstance(c, ast.Constant) and isinstance(c.value, str)
                            }
    return found


def test_the_scan_finds_the_meeting_and_supervision_events() -> None:
    actions = _written_actions()
    assert {"action_item", "action_item_done", "supervision_response", "supervision_reminder"} <= actions


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_written_action_has_a_label(qapp: QApplication, lang: str) -> None:
    with ui_language(qapp, lang):
        unlabelled = sorted(a for a in _written_actions() if action_label(a) == a)
        assert not unlabelled, f"timeline actions shown as raw codes: {unlabelled}"
        if lang == "zh_CN":
            assert action_label("action_item") == "协调会交办任务"
            assert action_label("supervision_reminder") == "督办提醒"
