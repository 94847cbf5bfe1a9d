"""Each cleaning rule on the noise it exists for, and the offsets back to the raw file."""

from etl.read.clean import (
    clean,
    drop_bookmarks,
    drop_footnote_markers,
    normalise_width,
    squeeze_spaces,
    unwrap_markdown,
)


def test_word_bookmarks_disappear():
    assert drop_bookmarks("[bookmark: _Toc296655358][bookmark: _Toc9642]2、打造知识产权试点示范") == "2、打造知识产权试点示范"


def test_footnote_calls_go_and_bodies_become_notes():
    line = "“一地六县”[footnoteRef:1]联合打造 [1: 根据《规划纲要》…]"
    assert drop_footnote_markers(line) == "“一地六县”联合打造\n注1：根据《规划纲要》…"


def test_markdown_from_the_converter_is_unwrapped():
    assert unwrap_markdown("#### **四、保障措施**") == "四、保障措施"
    assert unwrap_markdown("邮箱: [a@qq.com](mailto:a@qq.com)") == "邮箱: a@qq.com"


def test_spaces_inside_numbers_and_chinese_go_but_latin_words_keep_theirs():
    assert squeeze_spaces("每万人有效发明专利拥有量达 48 件") == "每万人有效发明专利拥有量达48件"
    assert squeeze_spaces("到 2026 年，PCT 国际申请") == "到2026年，PCT 国际申请"
    assert squeeze_spaces("服务范围 and 水平，ISO 9001") == "服务范围 and 水平，ISO 9001"


def test_mixed_width_punctuation_and_digits_are_made_consistent():
    assert normalise_width("(一)知识产权,达４８件，满意度９０％") == "（一）知识产权，达48件，满意度90%"
    assert normalise_width("由3.5万件到1-2家") == "由3.5万件到1-2家"  # decimals and ranges untouched


def test_a_word_split_across_a_page_break_is_joined():
    raw = "知识产权管理“贯标”企业累计达50家；现有知识\n\n产权专员队伍由162人增至250人。"
    assert clean(raw).text == "知识产权管理“贯标”企业累计达50家；现有知识产权专员队伍由162人增至250人。"


def test_a_character_repeated_across_a_page_break_is_kept_once():
    raw = "（市中级人民法院、市人民检察院、市公安局、市司法局、市知\n\n知识产权局、市版权局等按职责分工负责）"
    assert "市知识产权局" in clean(raw).text and "市知知" not in clean(raw).text


def test_headings_and_titles_are_not_joined_to_what_follows():
    raw = "关于印发《宜兴市国家知识产权强县建设示范县工作方案》的通知\n\n各有关单位：\n\n一、总体思路\n\n坚持以……为指导。"
    assert clean(raw).text.split("\n\n")[:3] == ["关于印发《宜兴市国家知识产权强县建设示范县工作方案》的通知", "各有关单位：", "一、总体思路"]


def test_offsets_lead_back_to_the_raw_line():
    raw = "标题\n\n\n[bookmark: _Toc1]一、工作目标\n到2026年，新增贯标企业120家。"
    c = clean(raw)
    assert c.raw_line(c.text.index("新增贯标企业")) == 5
    assert c.raw_line(c.text.index("一、工作目标")) == 4


def test_cleaning_is_idempotent_on_the_real_plans():
    from pathlib import Path
    for path in sorted(Path("data/raw").glob("*.txt")):
        once = clean(path.read_text(encoding="utf-8")).text
        assert clean(once).text == once, path.name


def test_a_paragraph_wrapped_mid_sentence_is_joined_as_written():
    from etl.read.clean import clean

    text = ("　　2.提升专利储备规模。以新材料为重点，力争试点期末全市有效发明专利保有\n量达到950件。\n"
            "　　3.加快纠纷快速处理。建立知识产权纠纷快速处理机制，简易案件办理时限压缩\n至15日以内。\n")
    cleaned = clean(text).text
    assert "有效发明专利保有量达到950件。" in cleaned
    assert "压缩至15日以内。" in cleaned
    assert cleaned.count("\n") == 1, "the two paragraphs stay two lines"


def test_no_wrap_join_before_an_indent_a_heading_or_after_a_complete_line():
    from etl.read.clean import clean

    for text in ("　　到2026年，每万人发明专利拥有量达到12件，商标有效注册量\n　　达到3万件。",
                 "　　到2026年，每万人发明专利拥有量达到12件，商标有效注册量\n二、重点任务",
                 "　　到2026年，每万人发明专利拥有量达到12件。\n商标有效注册量达到3万件。"):
        assert clean(text).text.count("\n") == 1, text
