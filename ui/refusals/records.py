"""Refusals of the accountability records: spot checks and opinion polls (desktop/accountability.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "records.check_role": translate("Refusals", "Your role may not record spot checks."),
        "records.no_check": translate(
            "Refusals", "Check record {check_id} does not exist, or you may not change it."
        ),
        "records.check_edit_role": translate("Refusals", "Your role may not change spot checks."),
        "records.no_rectification": translate("Refusals", "This check required no rectification."),
        "records.poll_role": translate("Refusals", "Your role may not record opinion polls."),
        "records.check_future": translate("Refusals", "The date of the check cannot be later than today."),
        "records.checker_required": translate("Refusals", "Please fill in the checking unit or checker."),
        "records.checker_too_long": translate(
            "Refusals", "The checking unit or checker is too long (at most {limit} characters)."
        ),
        "records.mode_required": translate("Refusals", "Please choose an open or an unannounced check."),
        "records.department_required": translate("Refusals", "Please choose the department checked."),
        "records.check_own_town": translate(
            "Refusals", "Town staff may only record checks in their own town."
        ),
        "records.grid_required": translate("Refusals", "Please choose the grid checked."),
        "records.village_required": translate("Refusals", "Please choose the village (community) checked."),
        "records.town_required": translate("Refusals", "Please choose the town checked."),
        "records.unit_kind_required": translate("Refusals", "Please choose the kind of unit checked."),
        "records.rectify_by_required": translate(
            "Refusals", "When rectification is required, please give its deadline."
        ),
        "records.rectify_before_check": translate(
            "Refusals", "The rectification deadline cannot be earlier than the date of the check."
        ),
        "records.poll_end_before_start": translate(
            "Refusals", "The poll's end date cannot be earlier than its start date."
        ),
        "records.poll_future": translate("Refusals", "The poll's start date cannot be later than today."),
        "records.sample_size": translate("Refusals", "The sample size must be greater than 0."),
        "records.negative_counts": translate("Refusals", "The numbers of people cannot be negative."),
        "records.counts_exceed_sample": translate(
            "Refusals",
            "Satisfied, basically satisfied and dissatisfied together cannot exceed the sample size.",
        ),
        "records.place_too_long": translate(
            "Refusals", "The place of the poll is too long (at most {limit} characters)."
        ),
        "records.poll_own_town": translate(
            "Refusals", "Town staff may only record opinion polls of their own town."
        ),
        "records.no_town": translate("Refusals", "The town does not exist."),
    }


def describe_all(exc: BaseException) -> str:
    """A refusal and the further problems it carries (``describe`` says them all)."""
    from ui.refusals import describe

    return describe(exc)
