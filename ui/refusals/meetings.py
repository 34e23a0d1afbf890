"""Refusals of coordination meetings, their time slots and supervision orders
(desktop/meetings/service.py, desktop/meetings/slots.py, desktop/meetings/supervision.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        # --- meetings: who may ---
        "meeting.organise_role": translate(
            "Refusals",
            "Only city leaders, the city information centre (dispatchers) or administrators may "
            "convene, schedule or cancel coordination meetings.",
        ),
        "meeting.approve_role": translate(
            "Refusals", "Only the meeting's convener or a city leader may approve the minutes."
        ),
        "meeting.complete_role": translate(
            "Refusals",
            "Only the staff of the owning department, the meeting's convener or the city information "
            "centre may complete this action item.",
        ),
        # --- meetings ---
        "meeting.not_found": translate("Refusals", "Meeting {meeting_id} does not exist."),
        "meeting.invalid_transition": translate(
            "Refusals", "The meeting is “{meeting_status}”; it cannot become “{to_meeting_status}”."
        ),
        "meeting.conflicts": translate(
            "Refusals", "The proposed time has conflicts ({count}); nothing was saved."
        ),
        "meeting.title_required": translate("Refusals", "A meeting needs a title."),
        "meeting.duration_not_positive": translate(
            "Refusals", "The meeting's duration must be greater than zero."
        ),
        "meeting.no_room": translate("Refusals", "Meeting room {room_id} does not exist."),
        "meeting.no_department": translate("Refusals", "Department {department_id} does not exist."),
        "meeting.no_user": translate("Refusals", "User {user_id} does not exist."),
        "meeting.cancel_reason_required": translate("Refusals", "Cancelling a meeting needs a reason."),
        "meeting.postpone_reason_required": translate("Refusals", "Postponing a meeting needs a reason."),
        "meeting.decline_reason_required": translate("Refusals", "Declining the invitation needs a reason."),
        "meeting.deputy_name_required": translate(
            "Refusals", "Please give the name of the deputy who attends."
        ),
        "meeting.no_participant": translate("Refusals", "Participant {participant_id} does not exist."),
        "meeting.no_cases_chosen": translate(
            "Refusals", "Please choose at least one case before convening a coordination meeting."
        ),
        "meeting.cases_missing": translate("Refusals", "These cases do not exist: {case_ids}."),
        "meeting.minutes_before_held": translate(
            "Refusals", "Minutes can be recorded only after the meeting is held."
        ),
        "meeting.item_not_on_agenda": translate(
            "Refusals", "Agenda item {agenda_item_id} does not belong to this meeting."
        ),
        "meeting.action_what_required": translate(
            "Refusals", "An action item needs to say what is to be done."
        ),
        "meeting.action_owner_required": translate(
            "Refusals", "An action item needs an owning department or a responsible person."
        ),
        "meeting.no_case": translate("Refusals", "Case {case_id} does not exist."),
        "meeting.minutes_required": translate("Refusals", "Please record the minutes before approving them."),
        "meeting.evidence_required": translate(
            "Refusals", "Completing an action item needs its result (evidence)."
        ),
        "meeting.no_action_item": translate("Refusals", "Action item {action_item_id} does not exist."),
        "meeting.action_not_awaiting": translate(
            "Refusals",
            "Action item {action_item_id} is “{item_status}”, not awaiting the department.",
        ),
        "meeting.supervise_needs_case_and_department": translate(
            "Refusals",
            "Only action items linked to a case and owned by a department can be supervised.",
        ),
        "meeting.supervise_not_overdue": translate(
            "Refusals", "Only overdue, unfinished action items can be turned into supervision."
        ),
        "meeting.already_supervised": translate(
            "Refusals", "Action item {action_item_id} is already under supervision."
        ),
        "meeting.busy_one_owner": translate(
            "Refusals", "Busy times belong to exactly one department, person or meeting room."
        ),
        "meeting.ics_invalid": translate("Refusals", "Not a valid iCalendar file: {error}"),
        "meeting.ics_rrule_invalid": translate(
            "Refusals", "The calendar's recurrence rules cannot be read: {error}"
        ),
        # --- time slots ---
        "slots.naive_time": translate("Refusals", "Meeting times must carry a time zone."),
        "slots.end_not_after_start": translate("Refusals", "A meeting must end after it starts."),
        "slots.duration_not_positive": translate("Refusals", "A meeting needs a positive duration."),
        # --- supervision orders ---
        "supervision.reminder_hours_not_numbers": translate(
            "Refusals",
            "{setting}={value} should be whole hours separated by commas, such as 72,24,4.",
        ),
        "supervision.reminder_hours_too_small": translate(
            "Refusals", "Every reminder point of {setting} is at least 1 hour."
        ),
        "supervision.instruction_required": translate(
            "Refusals", "A supervision order needs its instruction."
        ),
        "supervision.one_unit": translate(
            "Refusals", "A supervision order goes to exactly one town (subdistrict) or one department."
        ),
        "supervision.deadline_past": translate(
            "Refusals", "The supervision deadline must be later than now."
        ),
        "supervision.no_case": translate("Refusals", "Case {case_id} does not exist."),
        "supervision.no_town": translate("Refusals", "Town (subdistrict) {town_id} does not exist."),
        "supervision.no_department": translate("Refusals", "Department {department_id} does not exist."),
        "supervision.own_town": translate(
            "Refusals", "Town staff may only supervise units of their own town (subdistrict)."
        ),
        "supervision.response_required": translate(
            "Refusals", "The answer to a supervision order cannot be empty."
        ),
        "supervision.not_found": translate("Refusals", "Supervision order {order_id} does not exist."),
        "supervision.already_signed_off": translate(
            "Refusals", "This supervision order is already signed off."
        ),
        "supervision.respond_role": translate(
            "Refusals", "Only the supervised unit may answer this supervision order."
        ),
        "supervision.sign_off_before_answer": translate(
            "Refusals", "A supervision order can be signed off only after the unit has answered."
        ),
        "supervision.sign_off_role": translate(
            "Refusals",
            "Only the issuer of the supervision order or the city information centre may sign it off.",
        ),
    }
