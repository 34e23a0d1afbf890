"""Cases: reporting, the escalation ladder, SLA deadlines, the queue, the detail and the trace."""
