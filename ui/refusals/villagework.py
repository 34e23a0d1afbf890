"""Refusals of village work: village days, receptions, risk assessments and service errands (desktop/villagedays.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def messages() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "villagework.read_only": translate("Refusals", "Your role may only look, not record or change."),
        "villagework.own_town": translate(
            "Refusals", "You may only record and change the records of your own town (subdistrict)."
        ),
        "villagework.village_other_town": translate(
            "Refusals", "The chosen village (community) does not belong to the chosen town (subdistrict)."
        ),
        "villagework.day_of_month": translate("Refusals", "A monthly day must be from the 1st to the 31st."),
        "villagework.monthly_weekday": translate("Refusals", "A monthly plan cannot also name a weekday."),
        "villagework.weekday_required": translate("Refusals", "Please choose the weekday of a weekly plan."),
        "villagework.weekly_day_of_month": translate(
            "Refusals", "A weekly plan cannot also name a day of the month."
        ),
        "villagework.recurrence_required": translate(
            "Refusals", "Please choose how it repeats (monthly or weekly)."
        ),
        "villagework.end_before_start": translate(
            "Refusals", "The end date cannot be earlier than the start date."
        ),
        "villagework.day_kind_required": translate("Refusals", "Please choose the kind of activity."),
        "villagework.day_status_required": translate("Refusals", "Please choose the state of the activity."),
        "villagework.attendance_required": translate(
            "Refusals", "Please give the attendance of an activity that was held."
        ),
        "villagework.cancel_reason": translate(
            "Refusals", "To cancel an activity, write the reason in the notes."
        ),
        "villagework.no_day": translate(
            "Refusals", "This activity cannot be found (deleted, or outside what you may see)."
        ),
        "villagework.day_not_yet": translate(
            "Refusals", "The activity's date has not come yet; it cannot be recorded as held."
        ),
        "villagework.reception_kind_required": translate(
            "Refusals", "Please choose the kind of reception (scheduled or by appointment)."
        ),
        "villagework.visitors_required": translate(
            "Refusals", "For an appointment, please name the people met."
        ),
        "villagework.reception_time": translate("Refusals", "The time of the reception is not valid."),
        "villagework.day_other_town": translate(
            "Refusals", "The chosen activity does not belong to the chosen town (subdistrict)."
        ),
        "villagework.reception_status_required": translate(
            "Refusals", "Please choose the state of the reception."
        ),
        "villagework.no_reception": translate(
            "Refusals", "This reception cannot be found (deleted, or outside what you may see)."
        ),
        "villagework.reception_not_yet": translate(
            "Refusals", "The reception's time has not come yet; it cannot be recorded as held."
        ),
        "villagework.village_no_grid": translate(
            "Refusals", "The village (community) has no grids; it cannot be located."
        ),
        "villagework.issue_source_required": translate(
            "Refusals", "Please choose the activity or reception the issue came from."
        ),
        "villagework.reception_no_village": translate(
            "Refusals",
            "This reception has no village (community): please choose the village the issue is in.",
        ),
        "villagework.village_no_worker": translate(
            "Refusals",
            "The village (community) has no grid worker on duty, so it cannot go into the sentiment log: please make it a case.",
        ),
        "villagework.project_kind_required": translate("Refusals", "Please choose the kind of project."),
        "villagework.assessment_future": translate(
            "Refusals", "The assessment's start date cannot be later than today."
        ),
        "villagework.project_town_required": translate(
            "Refusals", "Please choose the town (subdistrict) of the project."
        ),
        "villagework.step_kind_required": translate("Refusals", "Please choose the assessment step."),
        "villagework.step_before_start": translate(
            "Refusals", "The step's date cannot be earlier than the assessment's start."
        ),
        "villagework.step_future": translate(
            "Refusals", "The step's date cannot be later than today: record it once done."
        ),
        "villagework.survey_votes_required": translate(
            "Refusals", "For a survey or discussion, please give the numbers for and against."
        ),
        "villagework.votes_exceed": translate(
            "Refusals", "Those for and against together cannot exceed the participants."
        ),
        "villagework.decided_no_steps": translate(
            "Refusals", "The assessment has been decided; no more steps can be added."
        ),
        "villagework.risk_level_required": translate("Refusals", "Please choose the risk level."),
        "villagework.decision_required": translate("Refusals", "Please choose the decision."),
        "villagework.high_risk_implement": translate(
            "Refusals",
            "A high-risk project cannot simply go ahead: choose to go ahead with mitigating measures, postpone it or stop it.",
        ),
        "villagework.decision_before_steps": translate(
            "Refusals", "The decision's date cannot be earlier than the last assessment step."
        ),
        "villagework.decision_future": translate(
            "Refusals", "The decision's date cannot be later than today."
        ),
        "villagework.already_decided": translate("Refusals", "The assessment has already been decided."),
        "villagework.no_assessment": translate(
            "Refusals", "This assessment cannot be found (deleted, or outside what you may see)."
        ),
        "villagework.matter_required": translate("Refusals", "Please choose the kind of errand."),
        "villagework.accepted_future": translate(
            "Refusals", "The date of acceptance cannot be later than today."
        ),
        "villagework.promised_before_accepted": translate(
            "Refusals", "The promised completion date cannot be earlier than the date of acceptance."
        ),
        "villagework.errand_town_required": translate(
            "Refusals", "Please choose the town (subdistrict) accepting it."
        ),
        "villagework.errand_status_required": translate("Refusals", "Please choose the state of the errand."),
        "villagework.no_errand": translate(
            "Refusals", "This errand cannot be found (deleted, or outside what you may see)."
        ),
        "villagework.errand_closed": translate("Refusals", "This errand is already completed or returned."),
        "villagework.done_before_accepted": translate(
            "Refusals", "The completion date cannot be earlier than the date of acceptance."
        ),
        "villagework.done_future": translate("Refusals", "The completion date cannot be later than today."),
        "villagework.too_many_documents": translate("Refusals", "At most {limit} documents can be received."),
        "villagework.document_too_long": translate(
            "Refusals", "The document name “{document}…” is too long (at most {limit} characters)."
        ),
        "villagework.outside_city": translate(
            "Refusals", "The village (community) lies outside the city; no case can be filed."
        ),
        "villagework.missing_notice_hearing": translate(
            "Refusals",
            "The assessment's steps are not complete, so no decision can be made: the public notice or hearing is missing.",
        ),
        "villagework.missing_expert": translate(
            "Refusals",
            "The assessment's steps are not complete, so no decision can be made: the expert consultation is missing.",
        ),
        "villagework.missing_survey": translate(
            "Refusals",
            "The assessment's steps are not complete, so no decision can be made: the survey or discussion is missing.",
        ),
        "villagework.applicant_phone": translate(
            "Refusals",
            "The applicant's telephone “{phone}” is not a valid number: please give 7 to 15 digits (area code and “-” allowed).",
        ),
        "villagework.place.required": translate("Refusals", "Please fill in the place."),
        "villagework.place.too_long": translate("Refusals", "The place is at most {limit} characters."),
        "villagework.notes.required": translate("Refusals", "Please fill in the notes."),
        "villagework.notes.too_long": translate("Refusals", "The notes is at most {limit} characters."),
        "villagework.leader.required": translate("Refusals", "Please fill in the receiving leader."),
        "villagework.leader.too_long": translate(
            "Refusals", "The receiving leader is at most {limit} characters."
        ),
        "villagework.topic.required": translate("Refusals", "Please fill in the matter of the reception."),
        "villagework.topic.too_long": translate(
            "Refusals", "The matter of the reception is at most {limit} characters."
        ),
        "villagework.visitors.required": translate("Refusals", "Please fill in the visitors."),
        "villagework.visitors.too_long": translate("Refusals", "The visitors is at most {limit} characters."),
        "villagework.outcome.required": translate("Refusals", "Please fill in the outcome of the reception."),
        "villagework.outcome.too_long": translate(
            "Refusals", "The outcome of the reception is at most {limit} characters."
        ),
        "villagework.content.required": translate("Refusals", "Please fill in the issue raised."),
        "villagework.content.too_long": translate(
            "Refusals", "The issue raised is at most {limit} characters."
        ),
        "villagework.raised_by.required": translate("Refusals", "Please fill in the person raising it."),
        "villagework.raised_by.too_long": translate(
            "Refusals", "The person raising it is at most {limit} characters."
        ),
        "villagework.project.required": translate("Refusals", "Please fill in the project name."),
        "villagework.project.too_long": translate(
            "Refusals", "The project name is at most {limit} characters."
        ),
        "villagework.owner.required": translate("Refusals", "Please fill in the unit owning the project."),
        "villagework.owner.too_long": translate(
            "Refusals", "The unit owning the project is at most {limit} characters."
        ),
        "villagework.step_result.required": translate("Refusals", "Please fill in the result of the step."),
        "villagework.step_result.too_long": translate(
            "Refusals", "The result of the step is at most {limit} characters."
        ),
        "villagework.measures.required": translate("Refusals", "Please fill in the mitigating measures."),
        "villagework.measures.too_long": translate(
            "Refusals", "The mitigating measures is at most {limit} characters."
        ),
        "villagework.decided_by.required": translate("Refusals", "Please fill in the decision maker."),
        "villagework.decided_by.too_long": translate(
            "Refusals", "The decision maker is at most {limit} characters."
        ),
        "villagework.applicant.required": translate("Refusals", "Please fill in the applicant."),
        "villagework.applicant.too_long": translate(
            "Refusals", "The applicant is at most {limit} characters."
        ),
        "villagework.office.required": translate("Refusals", "Please fill in the handling office."),
        "villagework.office.too_long": translate(
            "Refusals", "The handling office is at most {limit} characters."
        ),
        "villagework.handler.required": translate("Refusals", "Please fill in the handler."),
        "villagework.handler.too_long": translate("Refusals", "The handler is at most {limit} characters."),
        "villagework.detail.required": translate("Refusals", "Please fill in the description of the errand."),
        "villagework.detail.too_long": translate(
            "Refusals", "The description of the errand is at most {limit} characters."
        ),
        "villagework.attendance.count": translate(
            "Refusals", "The attendance must be a whole number from 0 to {limit}."
        ),
        "villagework.participants.count": translate(
            "Refusals", "The number of participants must be a whole number from 0 to {limit}."
        ),
        "villagework.votes_for.count": translate(
            "Refusals", "The number for must be a whole number from 0 to {limit}."
        ),
        "villagework.votes_against.count": translate(
            "Refusals", "The number against must be a whole number from 0 to {limit}."
        ),
        "villagework.suggestions.count": translate(
            "Refusals", "The number of suggestions must be a whole number from 0 to {limit}."
        ),
        "villagework.count_grouping": translate("Refusals", "Errands cannot be counted by “{by}”."),
    }
