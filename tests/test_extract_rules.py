"""The extractor on sentences it has never seen: the genre's grammar, in fresh wording."""

import pytest

from etl.read.anchor import infer_period
from etl.warehouse.plan import extract_text

PLAN = """某某县国家知识产权强县建设试点县工作方案（2025—2027年）
一、主要目标
（一）创造能力。到2027年，全县每万人口发明专利拥有量力争达到12.5件，有效注册商标总量突破2.1万件，地理标志证明商标新增2-3件。
（二）运用效益。专利权质押融资登记金额年均不低于5000万元，知识产权许可备案数量比2024年增长20%。
（三）保护环境。知识产权侵权案件办结率控制在100%以内，全县公众满意度达到85分左右，发明专利申请量超全省平均水平。
二、重点任务
1.做优服务。每年举办知识产权培训班不少于4期，新引进知识产权服务机构3家、培育知识产权专员200名。
2.强化基础。知识产权专项资金由300万元增加到500万元。至2024年底，全县已有高新技术企业120家。推动现有专利代理机构5家全部开展规范化建设。
三、保障措施
落实《某某县知识产权促进办法》（某政发〔2025〕12号），联系电话：0551-1234567，完成18项具体工作任务，确保年度考核得分不低于90分。
"""


@pytest.fixture(scope="module")
def targets():
    return extract_text(PLAN).targets


def row(targets, name_part):
    rows = targets[targets["raw_name"].str.contains(name_part, regex=False)]
    assert len(rows) == 1, f"{name_part}: {rows[['raw_name', 'value']].to_dict('records')}"
    return rows.iloc[0]


def test_period_is_read_from_the_title():
    assert infer_period(PLAN) == (2025, 2027)
    assert infer_period("根据《纲要（2021—2035年）》，制定本方案（2024-2026年）") == (2024, 2026)


@pytest.mark.parametrize("name, value, unit, comparator, scope, year", [
    ("每万人口发明专利拥有量", 12.5, "件", "=", "stock", 2027),
    ("有效注册商标总量", 2.1, "万件", ">=", "stock", 2027),
    ("专利权质押融资登记金额", 5000, "万元", ">=", "annual", None),
    ("知识产权侵权案件办结率", 100, "%", "<=", "ratio", 2027),
    ("公众满意度", 85, "分", "≈", "ratio", 2027),
    ("知识产权培训班", 4, "期", ">=", "annual", None),
    ("知识产权服务机构", 3, "家", "=", "new", 2027),
    ("知识产权专员", 200, "名", "=", "new", 2027),
])
def test_fresh_wordings_are_read(targets, name, value, unit, comparator, scope, year):
    r = row(targets, name)
    assert (r.value, r.unit, r.comparator, r.scope) == (value, unit, comparator, scope)
    assert (None if r.target_year != r.target_year else r.target_year) == year


def test_a_range_keeps_both_ends(targets):
    r = row(targets, "地理标志证明商标")
    assert (r.comparator, r.value, r.value_max, r.scope) == ("range", 2, 3, "new")


def test_a_baseline_from_you_to(targets):
    r = row(targets, "知识产权专项资金")
    assert (r.baseline, r.value, r.unit, r.value_std, r.unit_std) == (300, 500, "万元", 500, "万元")


def test_growth_against_a_past_year_is_a_target_not_an_achievement(targets):
    r = row(targets, "知识产权许可备案数量")
    assert (r.value, r.unit, r.scope) == (20, "%", "ratio")


def test_achievements_existing_counts_documents_phones_and_task_counts_are_not_targets(targets):
    values = set(targets["value"].dropna())
    assert not values & {120, 5, 12, 18, 2024, 2025, 1234567}
    reasons = set(extract_text(PLAN).skipped["reason"])
    assert {"achievement already reached", "existing count (现有)", "document number", "phone number",
            "count of the plan's own tasks"} <= reasons


def test_named_goal_without_a_number_is_qualitative(targets):
    q = targets[targets["qualitative"]]
    assert list(q["raw_name"]) == ["发明专利申请量"]


def test_safeguard_section_targets_count_too(targets):
    r = row(targets, "年度考核得分")
    assert (r.value, r.unit, r.comparator, r.section_kind) == (90, "分", ">=", "safeguards")


def test_paired_lists_with_fenbie():
    text = "一、工作目标\n到2026年，有效发明专利、高价值发明专利总数分别突破360家、18个。"
    t = extract_text(text, period=(2024, 2026)).targets
    assert list(zip(t["raw_name"], t["value"], t["comparator"])) == [
        ("有效发明专利", 360, ">="), ("高价值发明专利", 18, ">=")]


def test_dash_bullets_and_half_width_punctuation():
    text = ("二、发展目标\n——创新活力强劲:到2026年,PCT国际专利申请量达到25件以上;"
            "新增省级知识产权示范企业8家,国家级2家.")
    t = extract_text(text, period=(2024, 2026)).targets
    got = list(zip(t["value"], t["unit"], t["comparator"], t["scope"]))
    assert got == [(25, "件", ">=", "stock"), (8, "家", "=", "new"), (2, "家", "=", "new")]
    assert t["section"].str.contains("创新活力强劲").all()


def test_every_quote_is_a_substring_of_the_clean_text_at_its_offsets():
    ex = extract_text(PLAN)
    for r in ex.targets.itertuples():
        assert ex.clean_text[r.quote_start:r.quote_end] == r.quote


def test_an_indicator_table_in_a_word_file_is_read_row_by_row(tmp_path):
    from docx import Document

    from etl.warehouse.plan import extract_file
    doc = Document()
    for line in ("某某县知识产权强县建设工作方案（2025—2027年）", "一、主要目标", "到2027年，主要指标如下："):
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=5)
    for i, row in enumerate([["序号", "指标", "单位", "2024年现状", "2027年目标"],
                             ["1", "每万人口高价值发明专利拥有量", "件", "3.1", "6"],
                             ["2", "知识产权质押融资额", "亿元", "2", "5"]]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    doc.save(tmp_path / "plan.docx")
    ex = extract_file(tmp_path / "plan.docx")
    got = list(zip(ex.targets["raw_name"], ex.targets["value"], ex.targets["unit"], ex.targets["baseline"],
                   ex.targets["target_year"]))
    assert got == [("每万人口高价值发明专利拥有量", 6, "件", 3.1, 2027), ("知识产权质押融资额", 5, "亿元", 2, 2027)]
    for r in ex.targets.itertuples():
        assert ex.clean_text[r.quote_start:r.quote_end] == r.quote


def test_the_plans_own_meetings_and_reports_are_no_targets_but_events_of_the_work_are():
    text = ("一、工作目标\n到2027年，每年举办专利技术对接会3次。\n三、保障措施\n"
            "联席会议每半年召开2次推进会，办公室每月调度1次，牵头部门每季度通报1次进展。\n")
    values = set(extract_text(text, period=(2025, 2027)).targets["value"])
    assert 3 in values
    assert not values & {1, 2}
