"""The words coordination meetings and supervision orders write into the city's records.

These are data, not the interface's sentences: the default title a convened meeting is saved
with, the comments written on a case's timeline (an action item and its due date, a supervision
reminder), the instruction of a supervision order made from an overdue action item, and the
description of a meeting in an exported iCalendar file. The records are kept in Chinese, as the
city's files are, whatever language the person who caused them reads; the interface words only
what it shows itself (``ui/``).
"""

from __future__ import annotations

# Joins names and case numbers inside a record.
LIST_SEP = "、"

# A convened meeting's title when none is given: the agenda's case numbers.
CONVENE_TITLE = "协调会：{numbers}"

# The timeline comment of an action item on its case.
ACTION_ITEM_COMMENT = "{what}（期限 {due}）"

# A supervision order made from an overdue action item, when no instruction is given.
OVERDUE_ACTION_INSTRUCTION = "会议决定事项逾期未办结，请立即落实：{what}"

# The name under which the reminder sweep writes on a case's timeline.
REMINDER_ACTOR = "督办提醒"
# Reminders, nearer the deadline more urgent; past it the issuer is told.
REMINDER_PREFIXES = ("督办提醒", "督办催办", "督办紧急催办")
REMINDER_TEXT = "{prefix}：距办理期限不足 {hours} 小时（期限 {when}），请抓紧答复"
OVERDUE_TEXT = "督办已逾期（期限 {when}）未答复，已提请签发人督促"
OVERDUE_ISSUER = "（签发人：{issuer}）"

# An exported meeting's description in the calendar file.
ICS_CONVENER = "召集人：{name}"
ICS_AGENDA_ITEM = "议题{position}：{case_number} {title}"
ICS_PARTICIPANTS = "参会：{names}"
