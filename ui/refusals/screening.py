"""Refusals of rolling screening (desktop/screening.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    tr = QCoreApplication.translate
    return {
        "screening.read_role": tr("Refusals", "Your role may not see screening records."),
        "screening.end_before_start": tr("Refusals", "The end date cannot be earlier than the start date."),
        "screening.period_too_long": tr("Refusals", "The period of the statistics is at most one year."),
        "screening.no_round": tr(
            "Refusals", "This screening round cannot be found (deleted, or outside what you may see)."
        ),
        "screening.write_role": tr("Refusals", "Your role may not record screenings."),
        "screening.level_required": tr(
            "Refusals",
            "Please choose the level of the screening (village/community, town/subdistrict or city).",
        ),
        "screening.kind_required": tr(
            "Refusals", "Please choose the kind of screening (regular or concentrated)."
        ),
        "screening.scope_required": tr(
            "Refusals", "Please choose the scope of the screening (general or focused)."
        ),
        "screening.city_writers": tr(
            "Refusals", "City screenings are recorded by the city information centre or the city's leaders."
        ),
        "screening.town_required": tr("Refusals", "Please choose the town (subdistrict) that screened."),
        "screening.village_required": tr("Refusals", "Please choose the village (community) that screened."),
        "screening.village_other_town": tr(
            "Refusals", "The chosen village (community) does not belong to the chosen town (subdistrict)."
        ),
        "screening.own_town": tr(
            "Refusals", "Town staff may only record screenings of their own town and its villages."
        ),
        "screening.period_end_before_start": tr(
            "Refusals", "The end of the screening period cannot be earlier than its start."
        ),
        "screening.period_future": tr("Refusals", "The screening period cannot start on a future date."),
        "screening.village_one_day": tr(
            "Refusals", "Villages (communities) screen once a day: one screening covers one day only."
        ),
        "screening.town_one_week": tr(
            "Refusals",
            "Towns (subdistricts) screen once a week: the period cannot span two weeks (Monday to Sunday).",
        ),
        "screening.city_half_month": tr(
            "Refusals",
            "The city screens every half month: the period cannot span two half-months (1st–15th, 16th–end of month).",
        ),
        "screening.date_before_period": tr(
            "Refusals", "The screening date cannot be earlier than the start of the screening period."
        ),
        "screening.date_future": tr("Refusals", "The screening date cannot be later than today."),
        "screening.backfill": tr("Refusals", "Screenings can only be recorded up to {days} days late."),
        "screening.focus_required": tr(
            "Refusals", "A focused screening needs its focus (category, place or people concerned)."
        ),
        "screening.focus_too_long": tr("Refusals", "The focus is at most {limit} characters."),
        "screening.notes_too_long": tr("Refusals", "The notes are at most {limit} characters."),
        "screening.checklist_empty": tr("Refusals", "The checklist cannot be empty."),
        "screening.checklist_bad_items": tr("Refusals", "The checklist has invalid or repeated items."),
        "screening.item_note_too_long": tr(
            "Refusals", "A checklist item's note is at most {limit} characters."
        ),
        "screening.nothing_checked": tr(
            "Refusals", "Please tick at least one checklist item that was screened."
        ),
        "screening.no_log": tr(
            "Refusals", "Sentiment log {log_id} cannot be found (or is outside what you may see)."
        ),
        "screening.no_case": tr(
            "Refusals", "Case #{case_id} cannot be found (or is outside what you may see)."
        ),
        "screening.link_other_town": tr(
            "Refusals", "Only sentiment logs and cases of the round's own town can be linked."
        ),
        "screening.already_linked": tr("Refusals", "It is already linked to this screening."),
        "screening.edit_role": tr("Refusals", "Your role may not change screening records."),
        "screening.city_editors": tr(
            "Refusals", "City screenings are maintained by the city information centre or the city's leaders."
        ),
        "screening.link_required": tr("Refusals", "Please choose a sentiment log or a case."),
        "screening.log_required": tr("Refusals", "Please write the content of the sentiment log."),
        "screening.log_too_long": tr("Refusals", "The sentiment log is at most {limit} characters."),
        "screening.households": tr(
            "Refusals", "The number of households visited is not plausible; please check it."
        ),
        "screening.city_finds_cases": tr("Refusals", "What a city screening finds is recorded as a case."),
        "screening.worker_required": tr(
            "Refusals",
            "Please choose a grid worker of the village (community) or town (subdistrict) screened.",
        ),
        "screening.template_admin": tr(
            "Refusals", "Only the system administrator may change the checklist templates."
        ),
        "screening.template_level_kind": tr("Refusals", "Please choose the level and the kind of screening."),
        "screening.template_empty": tr("Refusals", "A checklist template needs at least one item."),
        "screening.template_bad_items": tr("Refusals", "The checklist has invalid items."),
    }
