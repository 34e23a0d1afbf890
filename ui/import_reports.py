"""The reports of the city import and the petition import, said in the user's language.

The core hands over the structure (``desktop.cityimport.Report``, ``desktop.petitions.ImportReport``):
counts, and each problem as a code, its facts and where it was found (``desktop.problems.Problem``).
The words are here: each problem's sentence comes from the refusal catalogue (``ui/refusals``),
the frame around it (file, row, totals) from this module. The dialogs and the command line use
the same functions, so a report reads the same in both.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.cityimport import Report
from desktop.errors import Refusal
from desktop.petitions import ImportReport
from desktop.problems import Problem
from ui.refusals import describe
from ui.text import fill


def kind_label(kind: str) -> str:
    labels = {
        "towns": QCoreApplication.translate("CityImport", "Town boundaries"),
        "villages": QCoreApplication.translate("CityImport", "Village boundaries"),
        "grids": QCoreApplication.translate("CityImport", "Grid boundaries"),
        "departments": QCoreApplication.translate("CityImport", "Departments"),
        "squads": QCoreApplication.translate("CityImport", "Squads and brigades"),
        "workers": QCoreApplication.translate("CityImport", "Grid workers"),
        "devices": QCoreApplication.translate("CityImport", "Devices"),
        "helpers": QCoreApplication.translate("CityImport", "Village liaison officers"),
        "users": QCoreApplication.translate("CityImport", "Users"),
    }
    return labels.get(kind, kind)


def entity_label(entity: str) -> str:
    labels = {
        "city": QCoreApplication.translate("CityImport", "City"),
        "towns": QCoreApplication.translate("CityImport", "Towns"),
        "villages": QCoreApplication.translate("CityImport", "Villages"),
        "grids": QCoreApplication.translate("CityImport", "Grids"),
        "departments": QCoreApplication.translate("CityImport", "Departments"),
        "brigades": QCoreApplication.translate("CityImport", "Brigades"),
        "squads": QCoreApplication.translate("CityImport", "Squads"),
        "workers": QCoreApplication.translate("CityImport", "Grid workers"),
        "helpers": QCoreApplication.translate("CityImport", "Village liaison officers"),
        "users": QCoreApplication.translate("CityImport", "Users"),
    }
    return labels.get(entity, entity)


def problem_text(problem: Problem) -> str:
    """One problem's sentence (without where it was found)."""
    params = dict(problem.params)
    if problem.code.startswith("cityimport.") and isinstance(params.get("kind"), str):
        params["kind"] = kind_label(params["kind"])
    return describe(Refusal(problem.code, **params))


def where(problem: Problem) -> str:
    """The file and row of a problem: “grids.geojson row 3”."""
    if problem.row is None:
        return problem.file
    if not problem.file:
        return fill(QCoreApplication.translate("ImportReport", "Row %1"), problem.row)
    return fill(QCoreApplication.translate("ImportReport", "%1 row %2"), problem.file, problem.row)


def problem_line(problem: Problem) -> str:
    """“grids.geojson row 3: the code “G1” appears twice …”."""
    place = where(problem)
    text = problem_text(problem)
    return fill(QCoreApplication.translate("ImportReport", "%1: %2"), place, text) if place else text


def city_import_text(report: Report) -> str:
    """The city import's report as text (the command line prints it)."""
    translate = QCoreApplication.translate
    lines = [
        fill(translate("ImportReport", "File: %1 (%2)"), name, kind_label(kind))
        for kind, name in report.files
    ]
    for entity, c in report.counts.items():
        lines.append(
            fill(
                translate(
                    "ImportReport", "%1: %2 new, %3 updated, %4 deactivated, %5 reactivated, %6 unchanged"
                ),
                entity_label(entity),
                c.created,
                c.updated,
                c.deactivated,
                c.reactivated,
                c.unchanged,
            )
        )
    if report.issues:
        lines.append(
            fill(translate("ImportReport", "%1 problems found; nothing was imported:"), len(report.issues))
        )
        lines.extend("  " + problem_line(p) for p in report.issues)
    elif report.committed:
        lines.append(translate("ImportReport", "Imported."))
    else:
        lines.append(translate("ImportReport", "The check passed (a dry run: nothing was written)."))
    return "\n".join(lines)


def petition_import_text(report: ImportReport) -> str:
    """The petition import's report as text (the import dialog shows it, the command line prints it)."""
    translate = QCoreApplication.translate
    if report.file_error is not None:
        return fill(translate("ImportReport", "The file cannot be read: %1"), describe(report.file_error))
    lines = [
        fill(
            translate("ImportReport", "%1 rows: %2 valid (%3 new, %4 updated), %5 with errors."),
            len(report.rows),
            len(report.good),
            report.new,
            report.updated,
            len(report.bad),
        )
    ]
    for r in report.bad:
        number = r.number or translate("ImportReport", "no number")
        lines.extend(
            fill(translate("ImportReport", "Row %1 (%2): %3"), r.line, number, problem_text(e))
            for e in r.errors
        )
    if report.dry_run:
        lines.append(translate("ImportReport", "Trial import: nothing was saved."))
    elif report.stored:
        lines.append(fill(translate("ImportReport", "%1 petitions saved."), report.stored))
    else:
        lines.append(translate("ImportReport", "Nothing was saved."))
    return "\n".join(lines)


def refusal_text(exc: BaseException) -> str:
    """A refusal (or any error) for the command line."""
    return describe(exc) if isinstance(exc, Refusal) else str(exc)


# --- the command line -------------------------------------------------------------------------

_installed: list[object] = []  # the application and translator stay alive while the command runs


def use_language(lang: str | None = None) -> str:
    """Say reports and refusals in ``lang`` (None: ``ui.i18n.choose_language``: CONCORD_LANG, else
    Chinese) in a command-line process: a QCoreApplication with the catalogue installed."""
    from PySide6.QtCore import QTranslator

    from ui.i18n import catalogue, choose_language

    lang = choose_language(lang)
    app = QCoreApplication.instance() or QCoreApplication([])
    _installed.append(app)
    if lang != "en":
        translator = QTranslator(app)
        if translator.load(str(catalogue(lang))):
            app.installTranslator(translator)
            _installed.append(translator)
    return lang


def forget_language() -> None:
    """Take back what use_language installed: for a caller that runs a command in a process that
    goes on (the tests call ``main.main`` in-process), so that the next window is not in the
    command's language."""
    from PySide6.QtCore import QTranslator

    app = QCoreApplication.instance()
    for obj in _installed:
        if isinstance(obj, QTranslator) and app is not None:
            app.removeTranslator(obj)
    _installed.clear()
