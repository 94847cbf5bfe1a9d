"""A list of counts writes its tier once, on its first member (培育国家级A 2家、B 5家): the members after it
with the same head and no tier of their own are of that tier too; a member with its own tier keeps it,
and a member of another head is left as written.  Fresh wording, written for fresh13's gap (tuned on)."""

from etl.warehouse.plan import extract_text


def names(sentence):
    t = extract_text("一、发展目标\n到2027年，" + sentence + "\n", period=(2025, 2027)).targets
    return [(r.raw_name, r.value) for r in t.itertuples()]


def test_the_first_members_tier_reaches_the_next_member():
    assert names("新培育省级知识产权示范企业6家、优势企业15家。")[1] == ("省级知识产权优势企业", 15)


def test_a_member_with_its_own_tier_keeps_it():
    assert names("新增国家级示范企业1家、省级优势企业9家。")[1] == ("省级优势企业", 9)


def test_a_member_of_another_head_is_left_as_written():
    assert names("建成省级商标品牌指导站3个、服务中心2个。")[1] == ("服务中心", 2)
