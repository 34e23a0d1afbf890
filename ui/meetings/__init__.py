"""The coordination-meeting scheduler, in parts: the calendar's header bar and grid, the selected
meeting's detail (participants, agenda, minutes and action items, the action buttons), the
dialogs, the actions that save, the notice and minutes as PDF and print; ``pane.MeetingsPane``
wires them. The departments' own list of their action items is ``action_items_pane``."""
