"""Remembering the answers of pure readings of short texts.

A plan repeats its boilerplate and a corpus its wording: the same sentence, line or clause is read
again and again, and a pure reading of it always gives the same answer.  `short_text_cache` keeps
those answers (bounded, least recently used first out) for texts of a sentence's size only: a
megabyte-long line is read afresh each time, so the cache never holds a huge answer and a timing
of long inputs (bench/bench_long_lines.py) measures the reading, not the cache.  Answers are shared
between callers: they must be immutable or never changed by their users.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps

LONGEST_REMEMBERED = 2000  # characters: far above a sentence of the genre, far below a run-together line
CACHE_SIZE = 16384  # answers per reading: a worker's distinct sentences over a few hundred plans


def short_text_cache(read: Callable) -> Callable:
    """read(text, *hashable args), remembered when the text is at most LONGEST_REMEMBERED long."""
    remembered = lru_cache(maxsize=CACHE_SIZE)(read)
    if read.__code__.co_argcount == 1:  # most readings read the text alone: no arguments packed per call

        @wraps(read)
        def reading(text: str):
            return remembered(text) if len(text) <= LONGEST_REMEMBERED else read(text)
    else:

        @wraps(read)
        def reading(text: str, *args):
            return remembered(text, *args) if len(text) <= LONGEST_REMEMBERED else read(text, *args)
    reading.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return reading
