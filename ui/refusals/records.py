"""Refusals of the accountability records: spot checks and opinion polls (desktop/accountability.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "records.check_role": tr("Refusals", "Your role may not record spot checks."),
        "records.no_check": tr(
            "Refusals", "Check record {check_id} does not exist, or you may not change it."
        ),
        "records.check_edit_role": tr("Refusals", "Your role may not change spot checks."),
        "records.no_rectification": tr("Refusals", "This check required no rectification."),
        "records.poll_role": tr("Refusals", "Your role may not record opinion polls."),
        "records.check_future": tr("Refusals", "The date of the check cannot be later than today."),
        "records.checker_required": tr("Refusals", "Please fill in the checking unit or checker."),
        "records.checker_too_long": tr(
            "Refusals", "The checking unit or checker is too long (at most {limit} characters)."
        ),
        "records.mode_required": tr("Refusals", "Please choose an open or an unannounced check."),
        "records.department_required": tr("Refusals", "Please choose the department checked."),
        "records.check_own_town": tr("Refusals", "Town staff may only record checks in their own town."),
        "records.grid_required": tr("Refusals", "Please choose the grid checked."),
        "records.village_required": tr("Refusals", "Please choose the village (community) checked."),
        "records.town_required": tr("Refusals", "Please choose the town checked."),
        "records.unit_kind_required": tr("Refusals", "Please choose the kind of unit checked."),
        "records.rectify_by_required": tr(
            "Refusals", "When rectification is required, please give its deadline."
        ),
        "records.rectify_before_check": tr(
            "Refusals", "The rectification deadline cannot be earlier than the date of the check."
        ),
        "records.poll_end_before_start": tr(
            "Refusals", "The poll's end date cannot be earlier than its start date."
        ),
        "records.poll_future": tr("Refusals", "The poll's start date cannot be later than today."),
        "records.sample_size": tr("Refusals", "The sample size must be greater than 0."),
        "records.negative_counts": tr("Refusals", "The numbers of people cannot be negative."),
        "records.counts_exceed_sample": tr(
            "Refusals",
            "Satisfied, basically satisfied and dissatisfied together cannot exceed the sample size.",
        ),
        "records.place_too_long": tr(
            "Refusals", "The place of the poll is too long (at most {limit} characters)."
        ),
        "records.poll_own_town": tr(
            "Refusals", "Town staff may only record opinion polls of their own town."
        ),
        "records.no_town": tr("Refusals", "The town does not exist."),
    }
