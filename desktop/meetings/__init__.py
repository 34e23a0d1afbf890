"""Coordination meetings and supervision orders: scheduling, minutes, action items, documents."""
