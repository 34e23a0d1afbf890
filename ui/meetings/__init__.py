"""The coordination-meeting scheduler, in parts: the calendar's header bar and grid, the selected
meeting's detail (participants, agenda, minutes and action items, the action buttons), the
dialogs, the actions that save, the notice and minutes as PDF; ``pane.MeetingsPane`` wires them.
``ui.meetings_pane`` re-exports the names the rest of the application uses."""
