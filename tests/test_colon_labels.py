"""An indicator named by a label before a colon (名称：到期末达到N件（基期为M件）), or inside the brackets after
its goal (……明显提升（名称达到N件）), names the goal when
the goal's clause names nothing itself; a bracketed base-year figure after the goal names nothing.  A
generic label (具体目标：) does not replace a name that follows the number.  Fresh wording, written for
fresh13's gap (tuned on)."""

from etl.warehouse.plan import extract_text


def named(line, period=(2026, 2028)):
    t = extract_text("一、发展指标\n" + line + "\n", period=period).targets
    return [(r.raw_name, r.value, None if r.baseline != r.baseline else r.baseline) for r in t.itertuples()]


def test_a_label_names_the_goal_after_its_colon():
    assert named("3．高价值发明专利拥有量：2028年末不低于620件；") == [("高价值发明专利拥有量", 620, None)]


def test_a_base_year_figure_in_brackets_is_no_name():
    assert named("6．商标国际注册量：2028年末达到140件（2025年末为96件）；") == [("商标国际注册量", 140, 96)]


def test_a_generic_label_leaves_a_number_first_name_alone():
    assert named("具体目标：新增4家知识产权示范企业。") == [("知识产权示范企业", 4, None)]


def test_an_indicator_in_brackets_after_its_goal_is_named_by_what_the_bracket_holds():
    got = named("——运用效益持续提升（商标质押融资登记金额三年累计新增12亿元）。")
    assert got == [("商标质押融资登记金额三年累计新增", 12, None)]
