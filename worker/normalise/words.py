"""Script-aware words: spaced scripts split on `\\w+`, scripts written without spaces count by character."""

from __future__ import annotations

import re

# Scripts written without spaces between words: Han (and its compatibility and extension blocks),
# Hiragana, Katakana, Thai, Lao, Myanmar, Khmer, Tai Le, New Tai Lue, Tai Tham, Balinese, Javanese, Yi.
# A dictionary segmenter per language would be needed to find their words; each character of these scripts
# counts as one word instead, as word processors count Chinese and Japanese. Combining marks (Thai vowel
# and tone signs, Myanmar medials...) belong to the character before them and do not count.
UNSPACED = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer, Khmer symbols
    "\u1950-\u197f\u1980-\u19df\u1a20-\u1aaf"  # Tai Le, New Tai Lue, Tai Tham
    "\u1b00-\u1b7f\ua980-\ua9df"  # Balinese, Javanese
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b"  # CJK radicals, iteration marks, Hangzhou numerals
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # Hiragana, Katakana (and half-width)
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs, extension A, compatibility
    "\ua000-\ua4cf"  # Yi
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
_UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")
# One token: a run of word characters outside those scripts, or one character of them (its marks dropped).
_TOKEN = re.compile(rf"(?:(?![{UNSPACED}])\w)+|(?=\w)[{UNSPACED}]")


def words(text: str) -> list[str]:
    """The text's words: `\\w+` runs in spaced scripts, single characters in scripts without spaces."""
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    """How many words `words` finds."""
    return sum(1 for _ in _TOKEN.finditer(text))


def length_in_words(text: str) -> float:
    """About how many words the text has, for the cleaning rules' thresholds ("a label has up to 3 words").

    Two characters of a script without spaces count as one word there: Chinese words average 1.5 to 2
    characters, Japanese about 2. A Thai or Lao word has about four letters, so there this measures about
    twice the words: a label of one or two words still passes, a headline may count as too long.
    """
    spaced = 0
    unspaced = 0
    for match in _TOKEN.finditer(text):
        if _UNSPACED_CHAR.match(match.group()):
            unspaced += 1
        else:
            spaced += 1
    return spaced + unspaced / 2
