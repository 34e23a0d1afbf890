"""Refusals of rolling screening (desktop/screening.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "screening.read_role": translate("Refusals", "Your role may not see screening records."),
        "screening.end_before_start": translate(
            "Refusals", "The end date cannot be earlier than the start date."
        ),
        "screening.period_too_long": translate(
            "Refusals", "The period of the statistics is at most one year."
        ),
        "screening.no_round": translate(
            "Refusals", "This screening round cannot be found (deleted, or outside what you may see)."
        ),
        "screening.write_role": translate("Refusals", "Your role may not record screenings."),
        "screening.level_required": translate(
            "Refusals",
            "Please choose the level of the screening (village/community, town/subdistrict or city).",
        ),
        "screening.kind_required": translate(
            "Refusals", "Please choose the kind of screening (regular or concentrated)."
        ),
        "screening.scope_required": translate(
            "Refusals", "Please choose the scope of the screening (general or focused)."
        ),
        "screening.city_writers": translate(
            "Refusals", "City screenings are recorded by the city information centre or the city's leaders."
        ),
        "screening.town_required": translate(
            "Refusals", "Please choose the town (subdistrict) that screened."
        ),
        "screening.village_required": translate(
            "Refusals", "Please choose the village (community) that screened."
        ),
        "screening.village_other_town": translate(
            "Refusals", "The chosen village (community) does not belong to the chosen town (subdistrict)."
        ),
        "screening.own_town": translate(
            "Refusals", "Town staff may only record screenings of their own town and its villages."
        ),
        "screening.period_end_before_start": translate(
            "Refusals", "The end of the screening period cannot be earlier than its start."
        ),
        "screening.period_future": translate(
            "Refusals", "The screening period cannot start on a future date."
        ),
        "screening.village_one_day": translate(
            "Refusals", "Villages (communities) screen once a day: one screening covers one day only."
        ),
        "screening.town_one_week": translate(
            "Refusals",
            "Towns (subdistricts) screen once a week: the period cannot span two weeks (Monday to Sunday).",
        ),
        "screening.city_half_month": translate(
            "Refusals",
            "The city screens every half month: the period cannot span two half-months (1st–15th, 16th–end of month).",
        ),
        "screening.date_before_period": translate(
            "Refusals", "The screening date cannot be earlier than the start of the screening period."
        ),
        "screening.date_future": translate("Refusals", "The screening date cannot be later than today."),
        "screening.backfill": translate(
            "Refusals", "Screenings can only be recorded up to {days} days late."
        ),
        "screening.focus_required": translate(
            "Refusals", "A focused screening needs its focus (category, place or people concerned)."
        ),
        "screening.focus_too_long": translate("Refusals", "The focus is at most {limit} characters."),
        "screening.notes_too_long": translate("Refusals", "The notes are at most {limit} characters."),
        "screening.checklist_empty": translate("Refusals", "The checklist cannot be empty."),
        "screening.checklist_bad_items": translate(
            "Refusals", "The checklist has invalid or repeated items."
        ),
        "screening.item_note_too_long": translate(
            "Refusals", "A checklist item's note is at most {limit} characters."
        ),
        "screening.nothing_checked": translate(
            "Refusals", "Please tick at least one checklist item that was screened."
        ),
        "screening.no_log": translate(
            "Refusals", "Sentiment log {log_id} cannot be found (or is outside what you may see)."
        ),
        "screening.no_case": translate(
            "Refusals", "Case #{case_id} cannot be found (or is outside what you may see)."
        ),
        "screening.link_other_town": translate(
            "Refusals", "Only sentiment logs and cases of the round's own town can be linked."
        ),
        "screening.already_linked": translate("Refusals", "It is already linked to this screening."),
        "screening.edit_role": translate("Refusals", "Your role may not change screening records."),
        "screening.city_editors": translate(
            "Refusals", "City screenings are maintained by the city information centre or the city's leaders."
        ),
        "screening.link_required": translate("Refusals", "Please choose a sentiment log or a case."),
        "screening.log_required": translate("Refusals", "Please write the content of the sentiment log."),
        "screening.log_too_long": translate("Refusals", "The sentiment log is at most {limit} characters."),
        "screening.households": translate(
            "Refusals", "The number of households visited is not plausible; please check it."
        ),
        "screening.city_finds_cases": translate(
            "Refusals", "What a city screening finds is recorded as a case."
        ),
        "screening.worker_required": translate(
            "Refusals",
            "Please choose a grid worker of the village (community) or town (subdistrict) screened.",
        ),
        "screening.template_admin": translate(
            "Refusals", "Only the system administrator may change the checklist templates."
        ),
        "screening.template_level_kind": translate(
            "Refusals", "Please choose the level and the kind of screening."
        ),
        "screening.template_empty": translate("Refusals", "A checklist template needs at least one item."),
        "screening.template_bad_items": translate("Refusals", "The checklist has invalid items."),
    }
