"""The core words no refusal: it raises a code and facts, and ui/refusals says them.

Per module of desktop/: every domain error class is a Refusal, every raise of one gives a code
literal (and facts as keywords only), every code has a sentence in the catalogue, and no Chinese
is written outside the modules that hold seed or format data.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from desktop.errors import CODE, Refusal

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(p for p in (ROOT / "desktop").rglob("*.py"))
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")

# Modules whose Chinese is data, not sentences for the user: the demo city and its people, the
# simulated phones' report texts, the pinyin table, column headings of the files users import.
CHINESE_IS_DATA = {
    "desktop/seed/demo.py",
    "desktop/seed/meetings.py",
    "desktop/seed/screening.py",
    "desktop/seed/accountability.py",
    "desktop/seed/villagedays.py",
    "desktop/seed/tracks.py",
    "desktop/gateway/simulator.py",
    "desktop/pinyin.py",
    # Village work's data: the offices and documents of service errands (the seed's lists, the
    # form's defaults), the names of where an issue was raised as the Chinese records carry them.
    "desktop/villagework_data.py",
    # The city import's data: words in file names and the column headings, role and yes/no words
    # that cities' CSV/XLSX/Shapefile files carry, and the names it writes into the records.
    "desktop/cityimport_headings.py",
    # The petition bureau's words as its CSV/JSON files carry them (categories, levels, channels,
    # statuses, the column headings), read on import and written back on export.
    "desktop/petitions_vocab.py",
    # The words meetings and supervision write into the city's records (Chinese, as its files are):
    # a convened meeting's default title, timeline comments of action items and supervision
    # reminders, the instruction of a supervision order, an exported calendar's descriptions.
    "desktop/meetings/vocab.py",
    # The sentiment-log book's words as the workers' Chinese logs carry them: keywords that hint a
    # case's category, the routine opening dropped from a title, the title a wordless log files under.
    "desktop/logbook_vocab.py",
    # The stored format of a case's parties: names, phones and ID numbers joined by "、" in one
    # column, split by the duplicate check, the masking and the database's masking function.
    "desktop/cases/vocab.py",
}
# Errors that never reach a person: the gateway's internal back-pressure signals.
INTERNAL = {"Overloaded", "WriterStopped"}
# The phones' protocol: its refusals are HTTP answers to device apps and lines in the gateway's
# log, worded in English as the protocols (OsmAnd, Traccar) are; no person at a desk reads them.
PROTOCOL = ("desktop/gateway/", "desktop/gateway/ingest.py", "desktop/errors.py")


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _domain_errors() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for path in MODULES:
        mod = importlib.import_module(_module(path))
        for name, obj in vars(mod).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, (ValueError, LookupError))
                and obj.__module__.startswith("desktop")
            ):
                found[name] = obj
    return found


def _string_text(node: ast.AST) -> bool:
    """Whether an argument is a sentence: a string literal, an f-string, or text glued together."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _string_text(node.left) or _string_text(node.right)
    return False


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_domain_errors_are_refusals(path: Path) -> None:
    mod = importlib.import_module(_module(path))
    bad = [
        name
        for name, obj in vars(mod).items()
        if inspect.isclass(obj)
        and obj.__module__ == mod.__name__
        and issubclass(obj, (ValueError, LookupError))
        and not issubclass(obj, Refusal)
        and name not in INTERNAL
    ]
    assert bad == []


@pytest.mark.parametrize("path", [p for p in MODULES if not _name(p).startswith(PROTOCOL)], ids=_name)
def test_refusals_are_raised_as_codes_with_sentences(path: Path) -> None:
    from ui.refusals import catalogue

    errors = _domain_errors()
    known = catalogue()
    problems: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        call = node.exc
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
        cls = errors.get(name)
        if cls is None or not issubclass(cls, Refusal) or name in INTERNAL:
            if name in {"ValueError", "LookupError", "KeyError"} and any(_string_text(a) for a in call.args):
                problems.append(f"line {node.lineno}: {name} with a sentence; raise a Refusal with a code")
            continue
        if cls.__init__ is not Refusal.__init__:
            continue  # a class with its own constructor builds its code itself
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and CODE.match(first.value)):
            problems.append(f"line {node.lineno}: {name} needs a code literal first")
            continue
        if len(call.args) > 1:
            problems.append(f"line {node.lineno}: facts go in keywords")
        if first.value not in known:
            problems.append(f"line {node.lineno}: {first.value} has no sentence in ui/refusals")
    assert problems == []


@pytest.mark.parametrize("path", [p for p in MODULES if _name(p) not in CHINESE_IS_DATA], ids=_name)
def test_no_chinese_sentences_in_the_core(path: Path) -> None:
    lines = [
        f"{n}: {line.strip()[:60]}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CJK.search(line) and not line.lstrip().startswith("#")
    ]
    # Docstrings may quote the domain's terms; strings the program uses may not.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    used = [
        f"line {node.lineno}: {node.value[:40]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CJK.search(node.value)
    ]
    assert used == [], lines[:5]


def test_a_refusal_is_said_in_the_users_words() -> None:
    from ui.refusals import describe

    assert describe(Refusal("common.not_visible")) == "It does not exist, or you may not see it."
    assert "case.unheard_of" in describe(Refusal("case.unheard_of"))
    assert describe(RuntimeError("plain")) == "plain"


def test_a_refusal_survives_pickling() -> None:
    import pickle

    exc = pickle.loads(pickle.dumps(Refusal("common.not_visible", case_id=3)))
    assert (exc.code, exc.params) == ("common.not_visible", {"case_id": 3})


def test_a_sentence_is_not_a_code() -> None:
    with pytest.raises(ValueError):
        Refusal("a case needs a title")
