"""One typed report, said in Chinese and in English: the city import's and the petition import's
dry runs, and a refusal of village work, as the dialogs, the panes and the command line say them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop import cityimport
from desktop.accountability import RecordError, RecordProblems
from desktop.petitions import ImportReport, PetitionError, RowReport
from desktop.problems import Problem
from desktop.villagedays import FieldRefused, VillageWorkError
from tests.ui.language import ui_language
from ui.import_reports import city_import_text, petition_import_text
from ui.refusals import describe
from ui.refusals.records import describe_all


def city_report() -> cityimport.Report:
    report = cityimport.Report()
    report.files = [("grids", "grids.geojson"), ("workers", "workers.csv")]
    report.count("workers").created = 4
    report.issues = [
        cityimport.Issue(
            "cityimport.code_repeated", {"item": "G1", "first_row": 2}, "grids.geojson", 3, "code"
        ),
        cityimport.Issue("cityimport.kind_twice", {"kind": "grids"}, "grids_bad.geojson"),
        cityimport.Issue(
            "cityimport.worker_phone", {"name": "张伟", "phone": "1380000"}, "workers.csv", 2, "phone"
        ),
    ]
    return report


def test_the_city_import_report_in_chinese_and_english(qapp: QApplication) -> None:
    report = city_report()
    with ui_language(qapp, "zh_CN"):
        zh = city_import_text(report).splitlines()
    en = city_import_text(report).splitlines()
    assert zh == [
        "文件：grids.geojson（网格边界）",
        "文件：workers.csv（群工队员）",
        "群工队员：新增 4，更新 0，停用 0，恢复 0，不变 0",
        "发现 3 个问题，未导入任何数据：",
        "  grids.geojson 第 3 行：编码“G1”重复（与第 2 行相同）",
        "  grids_bad.geojson：网格边界只能有一个文件",
        "  workers.csv 第 2 行：队员“张伟”的电话“1380000”格式不正确",
    ]
    assert en[0] == "File: grids.geojson (Grid boundaries)"
    assert en[2].startswith("Grid workers: 4 new, 0 updated")
    assert en[3:] == [
        "3 problems found; nothing was imported:",
        "  grids.geojson row 3: The code “G1” appears twice (the same as row 2).",
        "  grids_bad.geojson: There can be only one file of Grid boundaries.",
        "  workers.csv row 2: The telephone “1380000” of the worker “张伟” is not valid.",
    ]
    report.issues = []
    with ui_language(qapp, "zh_CN"):
        assert city_import_text(report).endswith("检查通过（试运行，未写入任何数据）。")
    assert city_import_text(report).endswith("The check passed (a dry run: nothing was written).")


def test_the_petition_import_report_in_chinese_and_english(qapp: QApplication) -> None:
    bad = RowReport(3, "T-2", [Problem("petitions.town_unknown", {"town": "无此镇"}, row=3, column="town")])
    good = RowReport(2, "T-1", action="new")
    report = ImportReport([good, bad], dry_run=True)
    with ui_language(qapp, "zh_CN"):
        zh = petition_import_text(report)
        unreadable = petition_import_text(ImportReport([], file_error=PetitionError("petitions.encoding")))
    assert zh.splitlines() == [
        "共 2 行：有效 1 行（新增 1，更新 0），有误 1 行。",
        "第 3 行（T-2）：镇街“无此镇”不存在",
        "试导入：未保存任何数据。",
    ]
    assert unreadable == "文件无法读取：文件编码无法识别（应为 UTF-8 或 GB18030）"
    assert petition_import_text(report).splitlines()[1] == "Row 3 (T-2): The town “无此镇” does not exist."


def test_refusals_of_the_features_are_said_in_the_users_language(qapp: QApplication) -> None:
    refusal = VillageWorkError("villagework.too_many_documents", limit=30)
    field = FieldRefused("applicant", "required")
    problems = RecordProblems([RecordError("records.check_future"), RecordError("records.checker_required")])
    with ui_language(qapp, "zh_CN"):
        assert describe(refusal) == "收件材料最多 30 项。"
        assert describe(field) == "请填写申请人。"
        assert describe_all(problems) == "检查日期不能晚于今天；请填写检查单位或检查人"
    assert describe(refusal) == "At most 30 documents can be received."
    assert describe(field) == "Please fill in the applicant."
    assert describe_all(problems) == (
        "The date of the check cannot be later than today. Please fill in the checking unit or checker."
    )
