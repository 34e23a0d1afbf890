"""Refusals of analysis and judgement, the briefings, the sentiment-log book, the responsibility
trace, the workers' tracks and the retention of their positions (desktop/analysis.py,
briefing.py, logbook.py, trace.py, tracks.py, retention.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        # desktop/analysis.py
        "analysis.unknown_bucket": translate(
            "Refusals", "The analysis cannot count by “{bucket}”: by week or by month only."
        ),
        "analysis.naive_period": translate(
            "Refusals", "The period of the analysis must be given with its time zone."
        ),
        "analysis.period_reversed": translate(
            "Refusals", "The end of the period cannot be earlier than its start."
        ),
        "analysis.unknown_period": translate("Refusals", "There is no period called “{period}”."),
        "analysis.unknown_series": translate(
            "Refusals", "The trend cannot be drawn by “{series}”: by kind, category or town only."
        ),
        "analysis.unknown_unit": translate(
            "Refusals", "The shares cannot be counted by “{unit}”: by town or village only."
        ),
        "analysis.baseline_too_short": translate(
            "Refusals", "The comparison needs a baseline of at least one week."
        ),
        # desktop/briefing.py
        "briefing.unknown_period": translate("Refusals", "Unknown briefing period: {period}"),
        "briefing.naive_period": translate(
            "Refusals", "The start and end of a briefing must be given with their time zone."
        ),
        "briefing.end_before_start": translate(
            "Refusals", "The end date of a briefing must be later than its start date."
        ),
        "briefing.period_too_long": translate("Refusals", "A briefing covers at most {limit} days."),
        # desktop/logbook.py
        "logbook.already_converted": translate(
            "Refusals",
            "This sentiment log has already been turned into case {number}; it cannot be turned again.",
        ),
        "logbook.unknown_coverage_level": translate(
            "Refusals", "Visit coverage cannot be counted by “{level_name}”: by grid, village or town only."
        ),
        "logbook.no_log": translate(
            "Refusals", "This sentiment log cannot be found (deleted, or outside what you may see)."
        ),
        "logbook.no_place": translate(
            "Refusals",
            "This sentiment log has no location and its grid has no centre: the case cannot be placed.",
        ),
        "logbook.convert_role": translate("Refusals", "Your role may not turn sentiment logs into cases."),
        "logbook.not_updated": translate(
            "Refusals",
            "This sentiment log could not be updated (it may be outside what you may see); no case was filed.",
        ),
        "logbook.case_outside_city": translate(
            "Refusals", "The log's location is outside the city: no case can be filed."
        ),
        "logbook.case_title": translate(
            "Refusals", "The case title cannot be empty and is at most {limit} characters."
        ),
        "logbook.case_kind": translate("Refusals", "The kind or category of the case is not valid."),
        "logbook.case_not_filed": translate("Refusals", "The case cannot be filed."),
        # desktop/cases/trace.py
        "trace.not_visible": translate("Refusals", "Case {case_id} does not exist, or you may not see it."),
        # desktop/live/tracks.py
        "track.no_worker": translate("Refusals", "Worker {worker_id} is not in your scope."),
        "track.range_reversed": translate(
            "Refusals", "The end of the range cannot be earlier than its start."
        ),
        "track.range_too_long": translate("Refusals", "At most {limit} days at a time."),
        # desktop/live/retention.py
        "retention.setting_not_days": translate(
            "Refusals", "{setting}={value} is not a whole number of days."
        ),
        "retention.too_few_days": translate("Refusals", "{setting} must be at least 1 day."),
    }
