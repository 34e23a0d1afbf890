"""Refusals of cases: the ladder, the case service, the case panel's reads, the desk's intake and
the SLA calendar (desktop/cases/service.py, ladder.py, detail.py, intake.py, sla.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        # Cases (desktop/cases/service.py, desktop/cases/ladder.py, desktop/cases/detail.py)
        "case.invalid_transition": translate(
            "Refusals", "A case that is “{status}” cannot be given “{action}”."
        ),
        "case.escalate_at_city": translate(
            "Refusals", "The case is already at city level: “{action}” cannot take it higher."
        ),
        "case.not_permitted": translate("Refusals", "Your role ({role}) may not “{action}” this case."),
        "case.reason_required": translate("Refusals", "“{action}” needs a reason."),
        "case.conflict": translate("Refusals", "{last_actor} did “{last_action}” at {last_at}."),
        "case.conflict_unknown": translate("Refusals", "Someone else changed this case."),
        "case.no_number": translate("Refusals", "There is no case numbered “{number}”."),
        "case.not_found": translate("Refusals", "Case {case_id} does not exist."),
        "case.not_visible": translate("Refusals", "Case {case_id} does not exist, or you may not see it."),
        "case.unknown_kind": translate("Refusals", "Unknown kind of case “{kind}”."),
        "case.unknown_category": translate(
            "Refusals", "The category “{category}” does not belong to this kind of case."
        ),
        "case.title_required": translate("Refusals", "A case needs a title."),
        "case.title_too_long": translate("Refusals", "A case title is at most {limit} characters."),
        "case.parties_negative": translate("Refusals", "The number of parties cannot be negative."),
        "case.bad_coordinate": translate("Refusals", "({lat}, {lon}) is not a valid coordinate."),
        "case.unknown_channel": translate("Refusals", "Unknown source channel “{channel}”."),
        "case.reporter_phone_too_long": translate(
            "Refusals", "The reporter's phone is at most {limit} characters."
        ),
        "case.reporter_name_too_long": translate(
            "Refusals", "The reporter's name is at most {limit} characters."
        ),
        "case.party_names_too_long": translate(
            "Refusals", "The parties' names together are at most {limit} characters."
        ),
        "case.party_phones_too_long": translate(
            "Refusals", "The parties' phones together are at most {limit} characters."
        ),
        "case.party_ids_too_long": translate(
            "Refusals", "The parties' ID numbers together are at most {limit} characters."
        ),
        "case.outside_city": translate("Refusals", "The point ({lat}, {lon}) is outside the city."),
        "case.other_town": translate(
            "Refusals",
            "This place belongs to {town}; you may only file cases of your own town (subdistrict).",
        ),
        "case.other_town_unknown": translate(
            "Refusals",
            "This place belongs to another town; you may only file cases of your own town (subdistrict).",
        ),
        "case.department_unknown": translate(
            "Refusals", "The chosen handling department does not exist; please choose again."
        ),
        "case.related_not_visible": translate(
            "Refusals", "The case to link (id {case_id}) does not exist or you may not see it."
        ),
        "case.assign_needs_target": translate(
            "Refusals", "Assigning needs a person or at least one department."
        ),
        "case.assignee_unknown": translate("Refusals", "User {user_id} does not exist or is disabled."),
        "case.departments_unknown": translate("Refusals", "Unknown department(s): {department_ids}."),
        "case.satisfaction_range": translate("Refusals", "A return visit records satisfaction from 1 to 5."),
        "case.other_case_required": translate(
            "Refusals", "Name the other, existing case this one duplicates or merges into."
        ),
        "case.no_active_user": translate("Refusals", "There is no active user named “{username}”."),
        # The desk's intake form, routes and sensitive periods (desktop/cases/intake.py)
        "intake.reporter_phone_invalid": translate(
            "Refusals",
            "The reporter's phone “{phone}” is not a valid number: enter 7 to 15 digits (an area code and “-” are allowed).",
        ),
        "intake.party_phone_invalid": translate(
            "Refusals",
            "The phone “{phone}” of the party {name} is not a valid number: enter 7 to 15 digits (an area code and “-” are allowed).",
        ),
        "intake.party_id_length": translate(
            "Refusals",
            "The ID number “{number}” of the party {name} should have 18 characters (the last may be X).",
        ),
        "intake.party_id_check_digit": translate(
            "Refusals",
            "The check digit of the ID number “{number}” of the party {name} is wrong; please check it.",
        ),
        "intake.party_id_birth_date": translate(
            "Refusals",
            "The date of birth in the ID number “{number}” of the party {name} is not valid; please check it.",
        ),
        "intake.party_name_separator": translate(
            "Refusals",
            "The party's name “{name}” may not contain an enumeration comma or a comma: enter each party on a line of its own.",
        ),
        "intake.role": translate(
            "Refusals",
            "Your role may not file cases: cases are filed by the city information centre or town (subdistrict) staff.",
        ),
        "intake.channel_required": translate("Refusals", "Please choose the source channel."),
        "intake.kind_required": translate("Refusals", "Please choose the kind of case."),
        "intake.category_required": translate(
            "Refusals", "Please choose a category that fits the kind of case."
        ),
        "intake.title_required": translate("Refusals", "Please enter the title of the matter."),
        "intake.title_too_long": translate(
            "Refusals", "The title of the matter is at most {limit} characters."
        ),
        "intake.place_required": translate(
            "Refusals",
            "Please pick a point on the map, or search for a village (community) or grid by name and choose the place.",
        ),
        "intake.reporter_name_too_long": translate(
            "Refusals", "The reporter's name is at most {limit} characters."
        ),
        "intake.reporter_required": translate(
            "Refusals", "Please enter the reporter's name or phone, for the reply and the return visit."
        ),
        "intake.caller_phone_required": translate(
            "Refusals", "For a phone call, please enter the caller's number."
        ),
        "intake.too_many_parties": translate(
            "Refusals",
            "At most {limit} parties can be entered at once; write the others into the description.",
        ),
        "intake.party_name_required": translate("Refusals", "Party {number} has no name."),
        "intake.party_name_too_long": translate(
            "Refusals", "The name of the party “{name}…” is too long (at most {limit} characters)."
        ),
        "intake.parties_count_below": translate(
            "Refusals", "The number of parties ({count}) is less than the parties entered ({listed})."
        ),
        "intake.parties_count_unreasonable": translate(
            "Refusals", "The number of parties is not plausible; please check it."
        ),
        "intake.mass_incident_parties": translate(
            "Refusals", "A mass incident involves at least {minimum} parties."
        ),
        "intake.party_names_too_long": translate(
            "Refusals",
            "The parties' names together are at most {limit} characters: with many parties, write them into the description.",
        ),
        "intake.party_phones_too_long": translate(
            "Refusals",
            "The parties' phones together are at most {limit} characters: with many parties, write them into the description.",
        ),
        "intake.party_ids_too_long": translate(
            "Refusals",
            "The parties' ID numbers together are at most {limit} characters: with many parties, write them into the description.",
        ),
        "intake.description_too_long": translate(
            "Refusals", "The description is at most {limit} characters."
        ),
        "intake.place_no_boundary": translate(
            "Refusals", "“{place}” has no boundary to locate it by; please pick a point on the map."
        ),
        "intake.routes_role": translate(
            "Refusals", "Only the system administrator may change the category routing rules."
        ),
        "intake.unknown_categories": translate("Refusals", "Unknown case categories: {categories}."),
        "intake.route_department_unknown": translate(
            "Refusals", "The chosen handling department does not exist; please refresh and try again."
        ),
        "intake.period_name_required": translate(
            "Refusals", "Please enter the name of the sensitive period."
        ),
        "intake.period_name_too_long": translate(
            "Refusals", "The name of a sensitive period is at most {limit} characters."
        ),
        "intake.period_end_before_start": translate(
            "Refusals", "The end date of the sensitive period cannot be earlier than its start date."
        ),
        "intake.period_too_long": translate(
            "Refusals", "A sensitive period lasts at most one year; enter longer ones in parts."
        ),
        "intake.period_focus_too_long": translate(
            "Refusals", "The focus of work is at most {limit} characters."
        ),
        "intake.periods_role": translate(
            "Refusals",
            "Only the city information centre's duty officers or the system administrator may keep the sensitive periods.",
        ),
        "intake.period_gone": translate(
            "Refusals", "This sensitive period was deleted by someone else; please refresh."
        ),
        # Time limits (desktop/cases/sla.py)
        "sla.negative_days": translate(
            "Refusals", "A time limit cannot be a negative number of working days ({days})."
        ),
    }
