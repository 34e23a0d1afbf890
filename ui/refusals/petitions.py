"""Refusals of petition-bureau sharing and the problems of a petition file (desktop/petitions.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "petitions.edit_role": translate("Refusals", "Your role may not change petitions."),
        "petitions.no_petition": translate(
            "Refusals", "Petition {petition_id} does not exist, or you may not see it."
        ),
        "petitions.no_case": translate(
            "Refusals", "Case {case_number} does not exist, or you may not see it."
        ),
        "petitions.encoding": translate(
            "Refusals", "The file's encoding is not recognised (it should be UTF-8 or GB18030)."
        ),
        "petitions.json_syntax": translate("Refusals", "The JSON is malformed (line {line})."),
        "petitions.json_not_list": translate("Refusals", "The JSON should be a list of petition objects."),
        "petitions.not_an_object": translate("Refusals", "This item is not an object."),
        "petitions.empty_file": translate("Refusals", "The file is empty."),
        "petitions.csv_syntax": translate("Refusals", "The CSV is malformed: {detail}"),
        "petitions.unknown_columns": translate("Refusals", "Unknown columns: {columns}"),
        "petitions.number_column_missing": translate(
            "Refusals", "The column “信访件编号” (petition number) is missing."
        ),
        "petitions.extra_cells": translate("Refusals", "The row has more cells than the header."),
        "petitions.csv_syntax_at": translate("Refusals", "The CSV is malformed (line {line}): {detail}"),
        "petitions.format_unknown": translate(
            "Refusals", "Unsupported format: {format} (it should be csv or json)."
        ),
        "petitions.too_many_rows": translate("Refusals", "At most {limit} rows can be imported at once."),
        "petitions.number_required": translate("Refusals", "The petition number must not be empty."),
        "petitions.number_too_long": translate(
            "Refusals", "The petition number is too long (at most {limit} characters)."
        ),
        "petitions.number_repeated": translate(
            "Refusals", "The petition number {number} appears twice in the file."
        ),
        "petitions.date_required": translate("Refusals", "The date of registration must not be empty."),
        "petitions.date_format": translate(
            "Refusals", "The date of registration “{value}” is malformed (it should be YYYY-MM-DD)."
        ),
        "petitions.date_future": translate("Refusals", "The date of registration {day} is later than today."),
        "petitions.name_required": translate("Refusals", "The petitioner's name must not be empty."),
        "petitions.name_too_long": translate("Refusals", "The petitioner's name is too long."),
        "petitions.phone_format": translate("Refusals", "The telephone number “{phone}” is malformed."),
        "petitions.id_tail_format": translate(
            "Refusals", "The ID card tail “{value}” is malformed (4 to 6 digits, the last may be X)."
        ),
        "petitions.level_unknown": translate(
            "Refusals",
            "The level of registration “{value}” is not recognised (it should be 村, 镇, 县市, 省 or 国家).",
        ),
        "petitions.channel_unknown": translate(
            "Refusals", "The channel “{value}” is not recognised (it should be 来信, 来访 or 网上信访)."
        ),
        "petitions.category_unknown": translate("Refusals", "The category “{value}” is not recognised."),
        "petitions.matter_required": translate("Refusals", "The matter of the petition must not be empty."),
        "petitions.town_unknown": translate("Refusals", "The town “{town}” does not exist."),
        "petitions.town_not_own": translate(
            "Refusals", "Town staff may only import the petitions of their own town."
        ),
        "petitions.status_unknown": translate(
            "Refusals", "The status “{value}” is not recognised (it should be 登记, 转办, 办理中 or 办结)."
        ),
        "petitions.case_unknown": translate(
            "Refusals", "The linked case {case_number} does not exist, or you may not see it."
        ),
        "petitions.number_other_town": translate(
            "Refusals", "The petition number {number} already belongs to another town."
        ),
        "petitions.import_role": translate("Refusals", "Your role may not import petitions."),
        "petitions.number_clash": translate(
            "Refusals",
            "The import failed: a petition number is already used by another town. Nothing was stored.",
        ),
        "petitions.file_kind": translate("Refusals", "The file should be .csv or .json."),
    }
