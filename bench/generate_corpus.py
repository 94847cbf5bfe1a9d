"""Synthetic plans of the genre, with the targets each one holds: load for the extraction bench.

    python bench/generate_corpus.py                 # 1000 plans into a new temp dir (prints it)
    python bench/generate_corpus.py --n 50 --out DIR --seed 7

    from generate_corpus import generate            # in-process: a list of SyntheticPlan
    plans = generate(1000, seed=20240426)

Every plan is put together from templates, combinatorially: an invented region (县/区/市/旗 of a
province), a plan period, a section-numbering style, a goal layout (numbered list, paragraph or
"——" bullets), indicators with their units and scopes, comparator phrasings, a baseline form
(由…提高到…), ranges (3至5家), two targets in one clause (分别达到…、…), yearly duties in the
tasks, and distractors that are NOT targets (an achievements paragraph, a document number, dates,
a phone number, "4·26", a count of the plan's own tasks, a standard number, a reward rule).

The expected targets use the format of tests/fixtures/plans/*.expected.yaml, so
bench/measure_extraction.py scores them the same way.  Same seed → same corpus, byte for byte.
Ground truth here is by construction: it measures throughput and catches regressions on forms
the generator knows; the hand-written fixtures are the honest measure of unseen wording.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROVINCES = ["浙江省", "四川省", "广东省", "湖南省", "河南省", "江西省", "福建省", "云南省", "内蒙古自治区",
             "湖北省", "河北省", "广西壮族自治区", "贵州省", "陕西省", "甘肃省", "辽宁省"]
SYLLABLES = list("清澜明湖雅川海澄湘源淇瑞溪勐宁青额尔敦松桂柳枫岚鹤泉峰岩桐梓")
ADMIN = [("县", "强县建设试点县"), ("县", "强县建设示范县"), ("区", "强县建设示范县"), ("市", "强县建设试点县"),
         ("旗", "强县建设试点县"), ("市", "强市建设试点城市")]
SECTION_STYLES = [("一、", "（一）", "1."), ("一、", "(一)", "1、"), ("第一部分 ", "一、", "（1）"), ("一、", "（一）", "①")]
DASHES = ["—", "-", "－", "至"]

# Indicator templates: (name as written, name_contains, units with value ranges, category, decimals)
STOCK = [
    ("每万人有效发明专利拥有量", "每万人有效发明专利", [("件", 5, 60)], "creation", 1),
    ("有效发明专利拥有量", "有效发明专利", [("件", 200, 6000)], "creation", 0),
    ("有效注册商标总量", "注册商标", [("件", 2000, 9000), ("万件", 1, 20)], "creation", 1),
    ("知识产权贯标企业", "贯标", [("家", 20, 300)], "management", 0),
    ("知识产权优势示范企业", "优势示范企业", [("家", 5, 60)], "creation", 0),
    ("地理标志商标", "地理标志", [("件", 3, 20)], "creation", 0),
    ("知识产权质押融资金额", "质押融资", [("亿元", 1, 40), ("万元", 2000, 9000)], "use", 1),
    ("知识产权专业人才", "人才", [("人", 30, 500)], "management", 0),
]
NEW = [
    ("马德里商标国际注册", "马德里", [("件", 5, 80)], "creation"),
    ("地理标志证明商标", "证明商标", [("件", 1, 6)], "creation"),
    ("国家知识产权示范企业", "示范企业", [("家", 2, 30)], "creation"),
    ("专利导航项目", "专利导航", [("项", 2, 15)], "use"),
    ("知识产权公共服务网点", "服务网点", [("个", 1, 8)], "service"),
    ("发明专利授权量", "发明专利授权", [("件", 100, 2000)], "creation"),
]
RATIO = [
    ("知识产权保护社会满意度", "满意度", [("分", 80, 95), ("%", 80, 96)], "protection"),
    ("知识产权行政执法案件结案率", "结案率", [("%", 90, 100)], "protection"),
    ("专利转化实施率", "转化实施率", [("%", 10, 40)], "use"),
    ("专利密集型产业增加值占GDP比重", "比重", [("%", 8, 20)], "use"),
]
ANNUAL = [  # (verb + name as written, name_contains, unit, low, high, category)
    ("开展知识产权联合执法", "联合执法", "次", 2, 8, "protection"),
    ("培训知识产权人才", "培训", "人次", 300, 3000, "management"),
    ("举办银企对接活动", "银企对接", "场", 2, 10, "use"),
    ("安排知识产权专项资金", "专项资金", "万元", 100, 3000, "management"),
    ("查办商标侵权案件", "侵权案件", "件", 10, 60, "protection"),
]
# (verb + name, name_contains, unit, category, accepted scopes): "引进" adds; "建设N个" is added or
# reached, as in the hand-written fixtures' rule (tests/fixtures/plans/README.md)
RANGE = [("引进培育知识产权服务机构", "服务机构", "家", "service", "new"),
         ("建设高价值专利培育中心", "培育中心", "个", "creation", ["new", "stock"])]
BASELINE = [("知识产权专员队伍", "专员", "人", "management"), ("商标品牌指导站", "指导站", "个", "creation")]

# Comparator phrasings: (before the number, after the unit, comparator)
LEVEL_FORMS = [("达到", "", "="), ("达", "", "="), ("力争达到", "", "="), ("达到", "以上", ">="),
               ("突破", "", ">="), ("超过", "", ">="), ("不少于", "", ">="), ("不低于", "", ">="),
               ("达到", "左右", "≈"), ("保持在", "以上", ">=")]
ANNUAL_FORMS = [("不少于", "", ">="), ("", "以上", ">="), ("", "左右", "≈"), ("", "", "=")]


@dataclass
class SyntheticPlan:
    name: str
    region_zh: str
    period: tuple[int, int]
    text: str
    targets: list[dict] = field(default_factory=list)
    not_targets: list[dict] = field(default_factory=list)

    def spec(self) -> dict:
        return {"region_zh": self.region_zh, "period": list(self.period), "encoding": "utf-8",
                "targets": self.targets, "not_targets": self.not_targets}


def _number(rng: random.Random, low: float, high: float, decimals: int) -> float:
    x = rng.uniform(low, high)
    return round(x, decimals) if decimals and rng.random() < 0.5 else float(int(x))


def _fmt(x: float) -> str:
    return f"{x:g}"


def _target(name_contains, value, unit, comparator, scope, year, category=None, baseline=None, value_max=None):
    row = {"name_contains": name_contains, "value": value, "unit": unit, "comparator": comparator,
           "scope": scope, "target_year": year, "baseline": baseline, "value_max": value_max,
           "qualitative": False}
    if category:
        row["category"] = category
    return row


class _PlanWriter:
    """Builds one plan: keeps the values used so distractors never share a target's number."""

    def __init__(self, rng: random.Random, index: int):
        self.rng = rng
        self.index = index
        self.targets: list[dict] = []
        self.not_targets: list[dict] = []
        self.used_values: set[float] = set()
        self.distractor_values: set[float] = {26.0, 56005.0}  # "4·26", ISO56005 in every plan

    def value(self, low, high, decimals=0) -> float:
        """A target's value: any number in range except one a distractor already uses."""
        for _ in range(100):
            v = _number(self.rng, low, high, decimals)
            if v not in self.distractor_values and v > 0:
                self.used_values.add(v)
                return v
        raise RuntimeError("value space exhausted")

    def distractor(self, low, high) -> int:
        """A distractor's number: never one a target uses, so "must not come out" is checkable."""
        for _ in range(100):
            v = self.rng.randint(low, high)
            if float(v) not in self.used_values and float(v) not in self.distractor_values:
                self.distractor_values.add(float(v))
                return v
        raise RuntimeError("distractor space exhausted")

    # --- goal clauses: each returns the clause text and appends its expected rows ------------
    def stock_clause(self, end: int) -> str:
        name, key, units, category, decimals = self.rng.choice(STOCK)
        unit, low, high = self.rng.choice(units)
        # decimals only where real plans write them: densities and 万/亿 amounts, never "4889.5件"
        fractional = name.startswith("每万人") or unit[0] in "万亿"
        v = self.value(low, high, decimals if fractional else 0)
        before, after, comparator = self.rng.choice(LEVEL_FORMS)
        self.targets.append(_target(key, v, unit, comparator, "stock", end, category))
        return f"{name}{before}{_fmt(v)}{unit}{after}"

    def new_clause(self, end: int) -> str:
        name, key, units, category = self.rng.choice(NEW)
        unit, low, high = units[0]
        v = self.value(low, high)
        if self.rng.random() < 0.5:
            self.targets.append(_target(key, v, unit, "=", "new", end, category))
            return f"新增{name}{_fmt(v)}{unit}"
        self.targets.append(_target(key, v, unit, ">=", "new", end, category))
        return f"新增{name}不少于{_fmt(v)}{unit}"

    def ratio_clause(self, end: int) -> str:
        name, key, units, category = self.rng.choice(RATIO)
        unit, low, high = self.rng.choice(units)
        v = self.value(low, high)
        before, after, comparator = self.rng.choice(LEVEL_FORMS[:4] + LEVEL_FORMS[6:8])
        self.targets.append(_target(key, v, unit, comparator, "ratio", end, category))
        return f"{name}{before}{_fmt(v)}{unit}{after}"

    def baseline_clause(self, end: int) -> str:
        name, key, unit, category = self.rng.choice(BASELINE)
        a = self.value(5, 150)
        b = self.value(a + 5, a + 80)
        verb = self.rng.choice([("由", "提高到"), ("从", "增加到"), ("由", "增至")])
        self.targets.append(_target(key, b, unit, "=", "stock", end, category, baseline=a))
        return f"{name}{verb[0]}{_fmt(a)}{unit}{verb[1]}{_fmt(b)}{unit}"

    def pair_clause(self, end: int) -> str:
        a = self.value(10, 90)
        b = self.value(2, 9)
        form = self.rng.choice([("分别达到", "=", ""), ("分别突破", ">=", ""), ("分别达到", ">=", "以上")])
        self.targets.append(_target("优势企业", a, "家", form[1], "stock", end, "creation"))
        self.targets.append(_target("示范企业", b, "家", form[1], "stock", end, "creation"))
        return f"国家知识产权优势企业、示范企业总数{form[0]}{_fmt(a)}家、{_fmt(b)}家{form[2]}"

    # --- task sentences ----------------------------------------------------------------------
    def annual_sentence(self) -> str:
        verb_name, key, unit, low, high, category = self.rng.choice(ANNUAL)
        v = self.value(low, high)
        before, after, comparator = self.rng.choice(ANNUAL_FORMS)
        lead = self.rng.choice(["每年", "确保每年", "力争每年"])
        self.targets.append(_target(key, v, unit, comparator, "annual", None, category))
        return f"{lead}{verb_name}{before}{_fmt(v)}{unit}{after}。"

    def range_sentence(self, end: int) -> str:
        verb_name, key, unit, category, scope = self.rng.choice(RANGE)
        a = self.value(1, 4)
        b = self.value(a + 1, a + 3)
        joiner = self.rng.choice(["-", "至", "—", "~"])
        self.targets.append(_target(key, a, unit, "range", scope, [end, None], category, value_max=b))
        return f"{verb_name}{_fmt(a)}{joiner}{_fmt(b)}{unit}。"

    def dated_ratio_sentence(self, start: int, end: int) -> str:
        year = self.rng.randint(start + 1, end)
        v = self.value(20, 95)
        self.targets.append(_target("覆盖率", v, "%", "=", "ratio", year, "service"))
        return f"到{year}年，规上工业企业知识产权服务覆盖率达到{_fmt(v)}%。"

    # --- distractors: recorded as not_targets ------------------------------------------------
    def achievements_paragraph(self, start: int, region: str) -> str:
        a = self.distractor(100, 5000)
        b = self.distractor(1000, 30000)
        c = self.distractor(2, 9)
        self.not_targets += [{"value": a, "text": "achieved"}, {"value": b, "text": "achieved"},
                             {"value": c, "unit": "项", "text": "achieved"}]
        lead = self.rng.choice([f"截至{start - 1}年底，", f"{start - 1}年，", f"至{start - 1}年末，"])
        return (f"{lead}{region}有效发明专利拥有量达{a}件，有效注册商标{b}件，"
                f"累计获得省级以上专利奖{c}项。")

    def doc_number(self, start: int, short: str) -> str:
        k = self.distractor(11, 99)
        self.not_targets.append({"value": k, "unit": "号", "text": "document number"})
        return f"{short}政办发〔{start}〕{k}号"

    def phone(self) -> str:
        area = self.distractor(310, 999)
        number = self.distractor(2000000, 8999999)
        self.not_targets += [{"value": area, "text": "area code"}, {"value": number, "text": "phone"}]
        return f"联系电话：0{area}-{number}"

    def own_tasks(self) -> str:
        k = self.distractor(12, 40)
        self.not_targets.append({"value": k, "text": "the plan's own tasks"})
        return f"统筹推进本方案确定的{k}项重点任务。"

    def reward(self) -> str:
        k = self.distractor(11, 99) * 10
        self.not_targets.append({"value": k, "unit": "万元", "text": "reward rule"})
        return f"对新获评国家知识产权示范企业的，给予一次性奖励{k}万元。"


def generate_one(rng: random.Random, index: int) -> SyntheticPlan:
    w = _PlanWriter(rng, index)
    province = rng.choice(PROVINCES)
    short = "".join(rng.sample(SYLLABLES, 2))
    suffix, kind = rng.choice(ADMIN)
    region = short + suffix
    start = rng.randint(2022, 2025)
    end = start + rng.choice([2, 3])
    h1, h2, h3 = rng.choice(SECTION_STYLES)
    dash = rng.choice(DASHES)
    chinese = "一二三四五六"

    def heading(level_style: str, i: int, title: str) -> str:
        if level_style.startswith("第"):
            return f"第{chinese[i]}部分 {title}"
        if "一" in level_style:
            return level_style.replace("一", chinese[i]) + title
        if level_style in ("1.", "1、"):
            return f"{i + 1}{level_style[1]}{title}"
        if level_style == "（1）":
            return f"（{i + 1}）{title}"
        return "①②③④⑤⑥"[i] + title

    title = f"{region}国家知识产权{kind}工作方案（{start}{dash}{end}年）"
    lines = [f"{province}{region}人民政府办公室", f"关于印发《{title}》的通知", w.doc_number(start, short), "",
             f"各有关单位：现将《{title}》印发给你们，请认真贯彻执行。", f"{start}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
             "", title, "",
             f"为深入贯彻《知识产权强国建设纲要（2021—2035年）》和《“十四五”国家知识产权保护和运用规划》，结合本{suffix}实际，制定本方案。",
             "", heading(h1, 0, "发展基础"), w.achievements_paragraph(start, f"全{suffix}"), "",
             heading(h1, 1, "工作目标")]

    clauses = [w.stock_clause(end), w.stock_clause(end), w.new_clause(end), w.ratio_clause(end)]
    if rng.random() < 0.7:
        clauses.append(w.baseline_clause(end))
    if rng.random() < 0.5:
        clauses.append(w.pair_clause(end))
    if rng.random() < 0.5:
        clauses.append(w.new_clause(end))
    rng.shuffle(clauses)
    layout = rng.choice(["list", "paragraph", "bullets"])
    lines.append(f"到{end}年，知识产权综合实力明显增强，主要目标如下：")
    if layout == "paragraph":
        lines.append("；".join(clauses) + "。")
    elif layout == "list":
        lines += [f"{i + 1}.{c}。" for i, c in enumerate(clauses)]
    else:
        heads = ["创新活力强劲", "品牌效应凸显", "运用效益提升", "保护环境优化", "服务能力增强", "管理水平提高", "人才支撑有力"]
        lines += [f"——{heads[i % len(heads)]}：{c}。" for i, c in enumerate(clauses)]
    lines += ["", heading(h1, 2, "重点任务")]
    task_titles = ["提升知识产权创造质量", "促进知识产权转化运用", "强化知识产权保护", "优化知识产权服务"]
    for i, task_title in enumerate(task_titles):
        lines.append(heading(h2, i, task_title))
        sentences = [w.annual_sentence()]
        if rng.random() < 0.5:
            sentences.append(w.range_sentence(end))
        if i == 0 and rng.random() < 0.5:
            sentences.append(w.dated_ratio_sentence(start, end))
        for j, s in enumerate(sentences):
            lines.append(heading(h3, j, "推进重点工作。" + s + "（责任单位：市场监管局、科技局）"))
    lines += ["", heading(h1, 3, "保障措施"), heading(h2, 0, "加强组织领导。成立工作领导小组，" + w.own_tasks()),
              heading(h2, 1, "强化政策激励。" + w.reward()),
              heading(h2, 2, "营造良好氛围。利用“4·26”知识产权宣传周开展宣传，推广ISO56005创新管理国际标准。"),
              "", w.phone(), ""]
    w.not_targets += [{"value": 26, "text": "4·26"}, {"value": 56005, "text": "ISO56005"}]
    target_values = {float(t["value"]) for t in w.targets}
    w.not_targets = [nt for nt in w.not_targets if float(nt["value"]) not in target_values]
    return SyntheticPlan(f"synthetic_{index:04d}", region, (start, end), "\n".join(lines), w.targets, w.not_targets)


def generate(n: int = 1000, seed: int = 20240426) -> list[SyntheticPlan]:
    rng = random.Random(seed)
    return [generate_one(rng, i) for i in range(n)]


def write(plans: list[SyntheticPlan], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in plans:
        (folder / f"{p.name}.txt").write_text(p.text, encoding="utf-8")
        (folder / f"{p.name}.expected.yaml").write_text(
            yaml.safe_dump(p.spec(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


# --- one document far bigger than a plan (etl.read.readers' bounds; bench_etl part f) -----------

BIG_TITLE = "青崖县国家知识产权强县建设试点县工作方案（2025—2027年）"
BIG_TARGET = "到2027年，全县有效发明专利拥有量达到520件，茶园地理标志证明商标新增3件。"
BIG_PROSE = "县里围绕茶园与竹编两大产业，把知识产权工作同乡村振兴结合起来推进，"


def big_docx(paragraphs: int, prose_chars: int, formatted_runs: int) -> bytes:
    """A valid .docx whose target paragraph (with `prose_chars` of prose, in `formatted_runs` bold
    runs) is repeated `paragraphs` times: copied as XML, so making it takes a fraction of a second.
    big_docx(2000, 3300, 2) unpacks to 21 MB (6.6 million characters); big_docx(2000, 0, 100) to
    20 MB of formatting around 2,000 targets."""
    import copy
    import io

    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_paragraph(BIG_TITLE)
    document.add_paragraph("一、主要目标")
    paragraph = document.add_paragraph()
    texts = [BIG_TARGET, (BIG_PROSE * (prose_chars // len(BIG_PROSE) + 1))[:prose_chars]]
    for i in range(formatted_runs):
        run = paragraph.add_run(texts[i] if i < len(texts) else "")
        run.bold, run.font.size, run.font.name = True, Pt(12), "宋体"
    body, template = document.element.body, paragraph._p
    for _ in range(paragraphs - 1):
        body.insert(len(body) - 1, copy.deepcopy(template))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20240426)
    parser.add_argument("--out", type=Path, default=None, help="folder to write to (default: a new temp dir)")
    args = parser.parse_args(argv)
    folder = args.out or Path(tempfile.mkdtemp(prefix="ip_plans_"))
    plans = generate(args.n, args.seed)
    write(plans, folder)
    print(f"{len(plans)} plans, {sum(len(p.targets) for p in plans)} expected targets, "
          f"{sum(len(p.text) for p in plans):,} characters → {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
