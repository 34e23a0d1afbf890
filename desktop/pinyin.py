"""Pinyin for Chinese names: initials to search by (平度镇 → pdz) and a key to sort by.

Chinese names sort by their full toneless pinyin, syllable by syllable, as a Chinese reader
expects (白沙河街道 bai sha he … before 崔家集镇 cui jia ji …); code points or initials alone put
them in an order nobody recognises. pypinyin loads its dictionaries (≈0.15 s) on first use.
"""

from __future__ import annotations

from typing import Any


def _syllables(text: str, *, first_letters: bool = False) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    style: Any = Style.FIRST_LETTER if first_letters else Style.NORMAL
    # Han characters become one syllable each; runs of anything else (Latin, digits) stay whole.
    return [str(part).strip().lower() for part in lazy_pinyin(text, style=style)]


def initials(text: str) -> str:
    """Lowercase pinyin initials, as stored in the places' ``pinyin`` columns (平度镇 → pdz).

    Non-Han runs are kept as they are, lowercased, without spaces (A区 → aq).
    """
    return "".join(_syllables(text, first_letters=True)).replace(" ", "")


def sort_key(text: str) -> str:
    """Full toneless pinyin, syllables separated by a space (白沙河街道 → 'bai sha he jie dao').

    The space sorts before every letter, so syllables compare one by one: 西安 (xi an) comes
    before 仙 (xian), as in a dictionary. Homophones tie; callers break ties by the name.
    """
    return " ".join(part for part in _syllables(text) if part)
