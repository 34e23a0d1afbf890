"""A meeting's notice (会议通知) and minutes (会议纪要) as HTML documents, ready for Qt's rich-text
printing (the PDF rendering lives in ``ui.meetings.printing``).

No Qt here: the caller passes the meeting as plain data and the (translated) labels; every string
that came from the database is HTML-escaped."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.clock import to_local

STYLE = (
    "body { font-size: 11pt; }"
    " h1 { font-size: 18pt; text-align: center; }"
    " h2 { font-size: 13pt; margin-top: 12px; }"
    " td, th { padding: 3px 6px; }"
    " th { background-color: #eeeeee; }"
    " .muted { color: #555555; }"
)


@dataclass(frozen=True)
class DocLabels:
    """The fixed words of the documents (the pane passes them translated)."""

    notice: str = "Meeting notice"
    minutes: str = "Meeting minutes"
    time: str = "Time"
    place: str = "Place"
    convener: str = "Convener"
    participants: str = "Participants"
    agenda: str = "Agenda"
    case: str = "Case"
    item: str = "Agenda item"
    summary: str = "Summary"
    general: str = "General minutes"
    decisions: str = "Decisions and action items"
    what: str = "What"
    owner: str = "Owner"
    due: str = "Due"
    status: str = "Status"
    whole_meeting: str = "Whole meeting"
    none: str = "—"
    list_sep: str = ", "  # between participants' names


def esc(value: Any) -> str:
    """Database text as HTML text (newlines kept as line breaks)."""
    return html.escape("" if value is None else str(value)).replace("\n", "<br/>")


def _when(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    start, end = to_local(starts_at), to_local(ends_at)
    if start.date() == end.date():
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}"


def _page(title: str, body: list[str]) -> str:
    return (
        '<html><head><meta charset="utf-8"/>'
        f"<title>{title}</title><style>{STYLE}</style></head><body>" + "".join(body) + "</body></html>"
    )


def _header(meeting: Mapping[str, Any], heading: str, labels: DocLabels) -> list[str]:
    place = meeting.get("room") or meeting.get("video_link") or labels.none
    rows = [
        (labels.time, esc(_when(meeting["starts_at"], meeting["ends_at"]))),
        (labels.place, esc(place)),
        (labels.convener, esc(meeting.get("convener") or labels.none)),
    ]
    participants: Sequence[Mapping[str, Any]] = meeting.get("participants") or []
    names = labels.list_sep.join(
        esc(p["name"])
        + (f" <span class='muted'>({esc(p['state_label'])})</span>" if p.get("state_label") else "")
        for p in participants
    )
    rows.append((labels.participants, names or esc(labels.none)))
    table = "".join(f"<tr><th align='left' width='22%'>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return [
        f"<h1>{esc(heading)}</h1>",
        f"<h2 align='center'>{esc(meeting['title'])}</h2>",
        f"<table width='100%' border='1' cellspacing='0'>{table}</table>",
    ]


def notice_html(meeting: Mapping[str, Any], labels: DocLabels | None = None) -> str:
    """The notice: title, time, place, convener, participants and the agenda (case number, title,
    summary).

    ``meeting`` has ``title``, ``starts_at``, ``ends_at`` (aware), ``room``, ``video_link``,
    ``convener``, ``participants`` (``name``, optional ``state_label``) and ``agenda``
    (``position``, ``number``, ``title``, ``summary``)."""
    lb = labels or DocLabels()
    body = _header(meeting, lb.notice, lb)
    body.append(f"<h2>{esc(lb.agenda)}</h2>")
    rows = [f"<tr><th>#</th><th>{esc(lb.case)}</th><th>{esc(lb.item)}</th><th>{esc(lb.summary)}</th></tr>"]
    for a in meeting.get("agenda") or []:
        rows.append(
            f"<tr><td>{esc(a.get('position'))}</td><td>{esc(a.get('number') or lb.none)}</td>"
            f"<td>{esc(a.get('title'))}</td><td>{esc(a.get('summary') or lb.none)}</td></tr>"
        )
    body.append(f"<table width='100%' border='1' cellspacing='0'>{''.join(rows)}</table>")
    return _page(esc(meeting["title"]), body)


def _action_rows(actions: Sequence[Mapping[str, Any]], lb: DocLabels) -> str:
    head = (
        f"<tr><th>{esc(lb.what)}</th><th>{esc(lb.owner)}</th><th>{esc(lb.due)}</th>"
        f"<th>{esc(lb.status)}</th></tr>"
    )
    rows = [head]
    for i in actions:
        due = to_local(i["due_at"]).strftime("%Y-%m-%d") if i.get("due_at") else lb.none
        rows.append(
            f"<tr><td>{esc(i.get('what'))}</td><td>{esc(i.get('department') or lb.none)}</td>"
            f"<td>{esc(due)}</td><td>{esc(i.get('status_label') or i.get('status') or lb.none)}</td></tr>"
        )
    return f"<table width='100%' border='1' cellspacing='0'>{''.join(rows)}</table>"


def minutes_html(meeting: Mapping[str, Any], labels: DocLabels | None = None) -> str:
    """The minutes: the header of the notice, the general minutes, then per agenda item its
    minutes and its decisions / action items (what, owning department or person, due date);
    action items not tied to an agenda item come last under "whole meeting".

    Besides the notice's keys, ``meeting`` has ``minutes``, agenda items with ``id`` and
    ``minutes``, and ``actions`` (``what``, ``department``, ``due_at``, ``agenda_item_id``,
    optional ``status_label``)."""
    lb = labels or DocLabels()
    body = _header(meeting, lb.minutes, lb)
    actions: Sequence[Mapping[str, Any]] = meeting.get("actions") or []
    if meeting.get("minutes"):
        body += [f"<h2>{esc(lb.general)}</h2>", f"<p>{esc(meeting['minutes'])}</p>"]
    agenda_ids = set()
    for a in meeting.get("agenda") or []:
        agenda_ids.add(a.get("id"))
        number = f"{a['number']} " if a.get("number") else ""
        body.append(f"<h2>{esc(a.get('position'))}. {esc(number)}{esc(a.get('title'))}</h2>")
        body.append(f"<p>{esc(a.get('minutes') or lb.none)}</p>")
        own = [i for i in actions if i.get("agenda_item_id") == a.get("id")]
        if own:
            body.append(f"<p><b>{esc(lb.decisions)}</b></p>" + _action_rows(own, lb))
    rest = [i for i in actions if i.get("agenda_item_id") not in agenda_ids]
    if rest:
        body.append(f"<h2>{esc(lb.decisions)} ({esc(lb.whole_meeting)})</h2>" + _action_rows(rest, lb))
    return _page(esc(meeting["title"]), body)
