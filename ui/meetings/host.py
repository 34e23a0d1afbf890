"""What the meetings screen's actions and documents need of the pane they work for."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from desktop.meetings.reads import MeetingDetail


class MeetingsHost(Protocol):
    meeting_id: int | None
    anchor: dt.date

    @property
    def detail(self) -> MeetingDetail | None: ...

    def show_notice(self, text: str, *, error: bool = False) -> None: ...

    def refresh(self) -> None: ...

    def visible_range(self) -> tuple[dt.date, int]: ...

    def selected_participant(self) -> dict[str, Any] | None: ...

    def selected_action(self) -> dict[str, Any] | None: ...
