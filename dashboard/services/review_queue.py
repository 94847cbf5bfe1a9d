"""The review page's lists: the queue of rows most worth a person's look (dashboard.review), each
with a link to its sentence and, where corrections may be saved, to its correction form; and the
counts per plan.  Plain Python: the page caches the answer per warehouse version (st.cache_data),
since at 1,000 plans the pandas work took about as long as the reference page."""

from __future__ import annotations

import pandas as pd

from dashboard import queries
from dashboard import review as rv

REVIEW_PAGE = "review"  # url_path of pages/review.py (app.py)


def review_url(doc_id: str, target_id) -> str | None:
    """The correction form of one target (None for a queue row that names no target)."""
    return f"{REVIEW_PAGE}?doc={doc_id}&target={target_id}" if isinstance(target_id, str) else None


def review_lists(editable: bool, lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(queue with source_url and correct_url, counts per plan) of the warehouse as it is now, its
    `what` worded in `lang`."""
    queue = rv.review_queue(queries.review_candidates(), queries.quality_notes(), queries.corrections_log(),
                            queries.region_names(), lang=lang)
    queue = queue.assign(source_url=[queries.source_url(d, tg if isinstance(tg, str) else None)
                                     for d, tg in zip(queue["doc_id"], queue["target_id"])],
                         correct_url=[review_url(d, tg) if editable else None
                                      for d, tg in zip(queue["doc_id"], queue["target_id"])])
    return queue, rv.queue_counts(queue)
