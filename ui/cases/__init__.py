"""Cases at the desk: the queue, the case panel, the intake form, the trace and the queue's export."""
