"""The village work pane lives in the ui/villagework package; this is its old address."""

from __future__ import annotations

from ui.villagework.common import WorkForm
from ui.villagework.common import WorkForm as FormDialog
from ui.villagework.pane import VillageWorkPane

__all__ = ["FormDialog", "VillageWorkPane", "WorkForm"]
