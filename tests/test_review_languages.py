"""The review page in the reader's language (issue 23): the queue and its counts name each region as the
other pages do (an English page showed 宜兴市), and the group picked is in the URL."""

from __future__ import annotations

import re

import pytest

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.usefixtures("warehouse")
def test_the_review_queue_names_regions_in_the_pages_language():
    from dashboard.services import review_queue

    queue_en, counts_en = review_queue.review_lists(False, "en")
    queue_zh, counts_zh = review_queue.review_lists(False, "zh")
    assert len(queue_en) and len(counts_en)
    for names in (queue_en["region_zh"], counts_en["region_zh"]):
        assert not [n for n in names if CJK.search(str(n))], list(names)
    assert all(CJK.search(str(n)) for n in counts_zh["region_zh"]), list(counts_zh["region_zh"])
    # the plan's own words in an English row stand in 「」
    for what in queue_en["what"]:
        assert not CJK.search(re.sub(r"「[^」]*」|“[^”]*”", "", str(what))), what


@pytest.mark.usefixtures("warehouse")
def test_the_review_pages_group_picker_is_read_from_and_written_to_the_url():
    from dashboard.services import review_queue
    from tests.test_apptest_pages import open_page

    group_id = review_queue.decision_groups("zh").iloc[0]["group_id"]
    at = open_page("review", {"group": group_id})
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="group").value == group_id
    assert at.query_params.get("group") in (group_id, [group_id])
    opened = len(at.dataframe)

    at = open_page("review", {"group": "derived:no-such-group"})
    assert not at.exception and at.warning  # an unknown value warns and falls back
    assert at.selectbox(key="group").value == ""
    assert len(at.dataframe) == opened - 1, "the picked group's targets are not shown"
    assert "group" not in at.query_params
