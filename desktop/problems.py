"""A problem found in a file being imported: a code and its facts, and where it was found.

The core words none of it: the interface (``ui/import_reports.py``) says each problem in the
user's language from the same catalogue as the refusals (``ui/refusals``), and adds where it was
found (the file, the row, the column). ``str()`` is for logs and test messages only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.errors import Refusal


@dataclass(frozen=True)
class Problem:
    code: str  # a refusal code: cityimport.…, petitions.…
    params: Mapping[str, Any] = field(default_factory=dict)
    file: str = ""  # the file's name ("" when there is one file)
    row: int | None = None  # the row, feature or list position (None: the whole file)
    column: str = ""  # the field concerned, by its key ("" when none)

    def __post_init__(self) -> None:
        Refusal(self.code)  # a ValueError for anything that is not a dotted code

    @classmethod
    def of(cls, exc: Refusal, file: str = "", row: int | None = None, column: str = "") -> Problem:
        """A refusal raised while reading a file, as a problem of that file."""
        return cls(exc.code, dict(exc.params), file, row, column)

    def refusal(self) -> Refusal:
        """The problem as a refusal, for ``ui.refusals.describe``."""
        return Refusal(self.code, **self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "facts": {
                k: v if isinstance(v, (int, float, str, bool)) or v is None else str(v)
                for k, v in self.params.items()
            },
        }

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column) if p not in ("", None))
        facts = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{where + ' ' if where else ''}{self.code}" + (f" ({facts})" if facts else "")
