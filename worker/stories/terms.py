"""Content words of an article for story matching: headline and lead, lowercased, stop words out, numbers as
`#<number>` (digits or the words up to twenty)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: Words too common in any news text to tell two events apart (IDF down-weights the rest).
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor
    not now of off on once only or other our ours out over own said same says she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself told according one two
    three four five six seven eight nine ten new first last year years day days week weeks month months time
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon evening
    night people man woman men women http https www com html htm org net php asp index news story article""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|(?<![\w.,])\d+(?:[.,]\d+)*", re.UNICODE)
#: Numbers written as words, read as the number they name ("five shot" and "5 shot" report the same count).
NUMBER_WORDS = {word: str(value) for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen twenty".split())}

#: Words of the lead read (the text after them adds more noise than event detail).
LEAD_WORDS = 400
#: Distinct terms kept per article (the most frequent; ties by first appearance).
MAX_TERMS = 30


def words(text: str) -> list[str]:
    """Lowercased content words: letters first, hyphens and apostrophes inside, stop words and 1-2 letter words
    out; numbers ("5", "2,400", "five", the "three" of "three-year-old") as "#5", "#2400", "#3"."""
    return [term for token in _WORD.findall(text) for term in _terms_of(token)]


@lru_cache(maxsize=1 << 16)
def _terms_of(token: str) -> tuple[str, ...]:
    """The terms one token gives (none, one, or a number and a word): cached, since news repeats its words and
    the clustering agent reads every article's lead on the event loop (BENCHMARKS.md, issue 15)."""
    word = token.lower().replace("’", "'")
    if word[0].isdigit():
        return ("#" + word.replace(",", ""),)
    found: tuple[str, ...] = ()
    head, _, rest = word.partition("-")
    if head in NUMBER_WORDS:
        found = ("#" + NUMBER_WORDS[head],)
        if not rest:
            return found
        word = rest
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 2 and word not in STOP_WORDS:
        found += (word,)
    return found


#: What sites put between a headline and their own name ("Headline - Site News, Weather & Sports").
_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:]{1,2}\s+")


def headline(title: str) -> str:
    """The headline of a page title: its longest part between separators, so a site's name appended to every
    title does not make its articles look alike."""
    parts = _TITLE_SEPARATOR.split(title)
    return max(parts, key=lambda part: len(part.split())) if len(parts) > 1 else title


def content_terms(
    title: str | None, text: str, *, lead_words: int = LEAD_WORDS, limit: int = MAX_TERMS
) -> dict[str, int]:
    """Counts of the title's and lead's content words; title words count twice (a headline names the event)."""
    counts: Counter[str] = Counter()
    for word in words(headline(title or "")):
        counts[word] += 2
    counts.update(words(" ".join(text.split()[:lead_words])))
    return dict(counts.most_common(limit))
