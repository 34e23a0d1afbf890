"""The sentiment-log book's data words: what the workers' Chinese logs say, matched to guess a
case's category and to take the routine opening off a case title, and the title a case from a
log is filed under when the log gives none (written into the record, as the records carry it)."""

from __future__ import annotations

# Words in a log that suggest a dispute category; the dispatcher confirms or changes it.
CATEGORY_HINTS: tuple[tuple[str, str], ...] = (
    ("邻里|噪音|漏水|占道|采光|通行", "neighbour"),
    ("婚姻|家庭|赡养|抚养|离婚|夫妻|婆媳|遗产", "family"),
    ("土地|宅基地|承包地|地界|林地|征地", "land"),
    ("工资|欠薪|劳务|务工|工钱", "labour"),
    ("物业|房屋|拆迁|装修", "property"),
    ("合同|借款|欠款|买卖", "contract"),
)

# The routine opening of a log ("走访12户，了解到…"), dropped from the case title.
ROUTINE_OPENING = r"^走访\d+户[，,]\s*(了解到)?"
# Where a log's first sentence ends (Chinese and Latin punctuation).
SENTENCE_END = r"[。！？；!?;]"
# The title of a case from a log without words.
DEFAULT_TITLE = "民情日志转办"
