"""The domain's vocabulary (statuses, levels, roles, kinds, categories…) for the interface.

It is defined next to the schema in ``db/vocab.py``, which the database's constraints are built
from; ``ui/`` takes it from here, since the interface does not import ``db``.
"""

from __future__ import annotations

from db.vocab import *  # noqa: F403  (the whole vocabulary, re-exported on purpose)
