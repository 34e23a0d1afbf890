"""The village work pane (三日合一与代办) and its sections: days.py (village days and the issues
raised at them), receptions.py (leaders' receptions), risks.py (risk assessments), errands.py
(service errands); common.py holds what they share and pane.py the pane that hosts them."""

from __future__ import annotations

from ui.villagework.common import WorkForm
from ui.villagework.pane import VillageWorkPane

__all__ = ["VillageWorkPane", "WorkForm"]
