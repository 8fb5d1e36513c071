"""Every word the comparison tables print that is not data, in English and in Chinese.

Titles, headers, spanners, source notes, yes/no/unknown, units and date formats live here and
nowhere else; labels of codes come from the codebook (``label_en`` / ``label_zh``). This module
imports nothing, so the CLI can check field names without loading pandas.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[str, ...] = ("en", "zh")

#: The fields of ``compare()``, in display order, with the spanner each one sits under.
COMPARE_FIELDS: dict[str, str] = {
    "company": "case",
    "title": "case",
    "year": "case",
    "cause_category": "crisis",
    "trigger": "crisis",
    "pressure_source": "crisis",
    "responses": "response",
    "days_to_first_response": "response",
    "days_to_decisive_response": "response",
    "response_timing": "response",
    "outcome": "resolution",
    "decision_outcome": "resolution",
}

#: The fields ``compare()`` shows when none are chosen: all but the case's title.
COMPARE_DEFAULT: tuple[str, ...] = tuple(f for f in COMPARE_FIELDS if f != "title")

#: The columns of ``timeline()``, in display order, with their spanner.
TIMELINE_FIELDS: dict[str, str] = {
    "date": "event",
    "event_type": "event",
    "strategy": "event",
    "decisive": "event",
    "actor": "what",
    "description": "what",
    "source": "evidence",
    "quote": "evidence",
}

#: Shown for a value that is not known (a null in the data).
MISSING = "—"
#: Marks a strategy a case used, in ``response_matrix()``.
USED = "●"
#: Marks the decisive response, in ``timeline()``.
DECISIVE = "★"

_CJK = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"]

#: CSS font stacks. Chinese tables put CJK fonts first; English tables keep them as the fallback
#: for the Chinese names that English data also holds.
FONTS: dict[str, list[str]] = {
    "en": ["Helvetica Neue", "Helvetica", "Arial", *_CJK, "sans-serif"],
    "zh": [*_CJK, "sans-serif"],
}

#: The HTML ``lang`` attribute of a standalone page.
HTML_LANG = {"en": "en", "zh": "zh-Hans"}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        # compare()
        "compare.title": "Corporate trust crises compared",
        "compare.part.trigger": "what set each crisis off",
        "compare.part.pressure_source": "who applied the pressure",
        "compare.part.responses": "how the company responded",
        "compare.part.speed": "how fast the company responded",
        "compare.part.outcome": "how it ended",
        "compare.part.cause_category": "what kind of crisis it was",
        "compare.rows": "One row per case",
        "spanner.case": "Case",
        "spanner.crisis": "Crisis",
        "spanner.response": "Response",
        "spanner.resolution": "Resolution",
        "col.company": "Company",
        "col.title": "Title",
        "col.year": "Year",
        "col.cause_category": "Cause",
        "col.trigger": "Trigger",
        "col.pressure_source": "Pressure from",
        "col.responses": "Strategies, in order",
        "col.days_to_first_response": "First response",
        "col.days_to_decisive_response": "Decisive response",
        "col.response_timing": "Time to decisive response",
        "col.outcome": "Outcome",
        "col.decision_outcome": "Decision",
        "timing.alt": "Decisive response after {days} days",
        "note.timing": "Bars: days to the decisive response on a logarithmic scale, with faint "
                       "marks at 1, 10, 100 and 1,000 days; the longest bar is {longest}.",
        "count.day": "{n} day",
        "count.days": "{n} days",
        "note.days": "Days are counted from the trigger; 0 means the same day. {missing} not "
                     "known (a date coarser than a day, or no such response).",
        # timeline()
        "timeline.subtitle": "{company}: dated events, each with its source",
        "spanner.event": "Event",
        "spanner.what": "Who and what",
        "spanner.evidence": "Evidence",
        "col.date": "Date",
        "col.event_type": "Type",
        "col.strategy": "Strategy",
        "col.decisive": "Decisive",
        "col.actor": "Actor",
        "col.description": "What happened",
        "col.source": "Source",
        "col.quote": "Quote",
        "note.decisive": "{mark} The decisive response: the one that settled the crisis or its "
                         "main pressure.",
        "note.quote": "Quotes are verbatim, in the source's own language.",
        "note.mark": " [{n}]",
        "note.numbered": "[{n}] {note}",
        # response_matrix()
        "matrix.title": "Response strategies by case",
        "matrix.subtitle.used": "{mark} the company used the strategy at least once; strategies "
                                "grouped by posture",
        "matrix.subtitle.count": "Number of response events coded with each strategy; "
                                 "strategies grouped by posture",
        "col.case": "Case",
        # shared
        "case.label": "{company} ({year})",
        "case.titled": "{label}: {title}",
        "caption": "{title}. {subtitle}",
        "with_group": "{group}: {column}",
        "responses.sep": "; ",
        "with_unit": "{label} ({unit})",
        "unit.days": "days",
        "yes": "Yes",
        "no": "No",
        "unknown": "Unknown",
        "source.license": ", {license}",
        "source.note": "Source: {parts}.",
        "source.join": "; ",
        "source.part.dataset": "trustcrises dataset, data version {version}{license}",
        "source.part.collection": "{title}, version {version}",
        "source.part.user": "user-supplied data, coded with the codebook of the trustcrises "
                            "dataset, data version {version}",
        "date.day": "{y:04d}-{m:02d}-{d:02d}",
        "date.month": "{y:04d}-{m:02d}",
        "date.year": "{y:04d}",
        # the terminal (`list`, `show`): the same words as the tables where they overlap
        "col.ticker": "Listed as",
        "col.region": "Region",
        "col.industry": "Industry",
        "col.period": "Period",
        "col.status": "Status",
        "col.scct_cluster": "SCCT cluster",
        "col.onset": "Onset",
        "col.victims": "Harmed",
        "col.fatalities": "Deaths",
        "col.injuries": "Injured or ill",
        "col.prior_crisis": "Similar crisis before",
        "col.selection": "Collected as",
        "col.posture": "SCCT posture",
        "col.benoit": "Benoit category",
        "col.self_disclosed": "Company broke the news itself",
        "col.hours_to_first_response": "Hours to first response",
        "col.coding_rationale": "Coding rationale",
        "col.response": "Response",
        "col.note": "Note",
        "col.timeline": "Timeline",
        "col.sources": "Sources",
        "col.viewpoints": "Viewpoints",
        "show.codings": "Published codings",
        "show.codings.differs": "where this dataset differs",
        "show.codings.agrees": "this dataset's coding agrees with the study's",
        "col.years": "Years",
        "period.ongoing": "ongoing",
        "period.not_dated": "end not dated",
        "list.footer": "{count} {cases}. Details: trustcrises show CASE_ID",
        "list.case": "case",
        "list.cases": "cases",
        "show.decisive": "★ the decisive response: the one that settled the crisis or its main "
                         "pressure",
        "show.more_viewpoints": "… and {count} more; trustcrises show {case_id} --viewpoints "
                                "all",
        "no_date": "n.d.",
        "label_sep": ": ",
        # the findings report's summary tables
        "summary.cases": "Cases",
        "summary.responded": "Responded",
        "summary.exact": "Exact days",
        "summary.median_min": "Median, lower bound (days)",
        "summary.median_max": "Median, upper bound (days)",
        "summary.fastest": "Fastest (days)",
        "summary.slowest": "Slowest (days)",
        "fit.matched": "Matched",
        "fit.beyond": "Beyond",
        "fit.short": "Short of it",
        "fit.undetermined": "Undetermined",
        "fit.no_response": "No deny, diminish or rebuild response",
        # figures
        "tick.1h": "1h",
        "tick.1d": "1d",
        "tick.1w": "1w",
        "tick.1m": "1mo",
        "tick.1y": "1y",
        "tick.5y": "5y",
        "fig.time_axis": "Time since the trigger (h: hour, d: day, w: week, mo: month, y: year; linear within an hour, logarithmic beyond)",
        "fig.timelines.title": "Timelines from the trigger",
        "fig.response_posture": "Response: {posture}",
        "fig.decisive": "Decisive response",
        "fig.other_events": "Sanction, legal step or outcome",
        "fig.coarse_date": "Date known to the month or year (line: its possible days)",
        "fig.group_n": "{group} (n = {n})",
        "fig.times.title.first": "Days to the first response, by {by}",
        "fig.times.title.decisive": "Days to the decisive response, by {by}",
        "fig.times.note": "Dots: exact days; lines: the bounds where a date is coarser than a "
                          "day; bands: the group's median, between the medians of the bounds.",
        "fig.strategies.title": "Response strategies by SCCT cluster",
        "fig.strategies.unit": "Response events",
        # analysis: crosstab, response times, SCCT fit
        "col.channel": "Channel",
        "col.decade": "Decade",
        "decade": "{decade}s",
        "total": "Total",
        "count.label": "Count",
        "share.label": "Share",
        "count.share": "{n} ({pct})",
        "unit.cases": "cases",
        "unit.responses": "response events",
        "crosstab.title": "{rows} × {columns}",
        "crosstab.title.one": "By {rows}",
        "crosstab.subtitle.count": "Number of {unit}; {n} in all",
        "crosstab.subtitle.row": "Number of {unit}, with the share of each row in brackets; {n} "
                                 "in all",
        "crosstab.subtitle.column": "Number of {unit}, with the share of each column in "
                                    "brackets; {n} in all",
        "crosstab.subtitle.all": "Number of {unit}, with the share of all in brackets; {n} in "
                                 "all",
        "crosstab.note.response": "Each response event counts once, with the fields of its "
                                  "case.",
        "fit.guideline": "guideline {n}, {text}",
        "fit.reason.not_coded": "The case has no SCCT cluster, so no guideline applies.",
        "fit.reason.no_response": "Recommended: {rules}. The case records no deny, diminish or "
                                  "rebuild response.",
        "fit.reason.matched": "Recommended: {rules}. The strongest posture used was {strongest}, "
                              "as recommended.",
        "fit.reason.beyond": "Recommended: {rules}. The strongest posture used was {strongest}, "
                             "more accommodating than recommended.",
        "fit.reason.short": "Recommended: {rules}. The strongest posture used was {strongest}, "
                            "less accommodating than recommended.",
        "fit.reason.undetermined": "Whether a similar crisis came before is not recorded, and "
                                   "the guidelines differ: {rules}. The strongest posture used "
                                   "was {strongest}, which matches one of them only.",
        "fit.reason.history_unknown": " This holds with or without an earlier similar crisis, "
                                      "which is not recorded.",
        "fit.reason.reputation": " The prior reputation is not coded and is taken as neutral.",
        "fit.none_used": "none of deny, diminish or rebuild",
    },
    "zh": {
        "compare.title": "企业信任危机比较",
        "compare.part.trigger": "危机因何而起",
        "compare.part.pressure_source": "由谁施压",
        "compare.part.responses": "企业如何回应",
        "compare.part.speed": "企业回应的速度",
        "compare.part.outcome": "结局如何",
        "compare.part.cause_category": "属于哪类危机",
        "compare.rows": "每行一个案例",
        "spanner.case": "案例",
        "spanner.crisis": "危机",
        "spanner.response": "回应",
        "spanner.resolution": "结局",
        "col.company": "公司",
        "col.title": "标题",
        "col.year": "年份",
        "col.cause_category": "起因",
        "col.trigger": "触发事件",
        "col.pressure_source": "施压方",
        "col.responses": "回应策略（按先后）",
        "col.days_to_first_response": "首次回应",
        "col.days_to_decisive_response": "决定性回应",
        "col.response_timing": "决定性回应用时",
        "col.outcome": "结果",
        "col.decision_outcome": "决策结局",
        "timing.alt": "{days} 天后作出决定性回应",
        "note.timing": "条形图：决定性回应所用天数，采用对数刻度，浅色刻度线分别为 1、10、100 和 1000 "
                       "天；最长的条形为 {longest}。",
        "count.day": "{n} 天",
        "count.days": "{n} 天",
        "note.days": "天数自触发事件起算，0 表示当天。{missing} 表示未知（日期精度不到日，或没有"
                     "此类回应）。",
        "timeline.subtitle": "{company}：按日期排列的事件及其来源",
        "spanner.event": "事件",
        "spanner.what": "行为与内容",
        "spanner.evidence": "证据",
        "col.date": "日期",
        "col.event_type": "类型",
        "col.strategy": "策略",
        "col.decisive": "决定性",
        "col.actor": "行为者",
        "col.description": "经过",
        "col.source": "来源",
        "col.quote": "引文",
        "note.decisive": "{mark} 决定性回应：平息危机（或其主要压力）的那次回应。",
        "note.quote": "引文为原文摘录，保留来源的原始语言。",
        "note.mark": "［{n}］",
        "note.numbered": "［{n}］{note}",
        "matrix.title": "各案例的回应策略",
        "matrix.subtitle.used": "{mark} 表示企业至少使用过一次该策略；策略按姿态分组",
        "matrix.subtitle.count": "以该策略编码的回应事件数；策略按姿态分组",
        "col.case": "案例",
        "case.label": "{company}（{year}）",
        "case.titled": "{label}：{title}",
        "caption": "{title}。{subtitle}",
        "with_group": "{group}：{column}",
        "responses.sep": "、",
        "with_unit": "{label}（{unit}）",
        "unit.days": "天",
        "yes": "是",
        "no": "否",
        "unknown": "未知",
        "source.license": "，{license}",
        "source.note": "资料来源：{parts}。",
        "source.join": "；",
        "source.part.dataset": "trustcrises 数据集，数据版本 {version}{license}",
        "source.part.collection": "{title}，版本 {version}",
        "source.part.user": "用户提供的数据，按 trustcrises 数据集的编码表编码（数据版本 {version}）",
        "date.day": "{y}年{m}月{d}日",
        "date.month": "{y}年{m}月",
        "date.year": "{y}年",
        "col.ticker": "上市代码",
        "col.region": "地区",
        "col.industry": "行业",
        "col.period": "时间",
        "col.status": "状态",
        "col.scct_cluster": "SCCT 危机类型",
        "col.onset": "爆发方式",
        "col.victims": "受害方",
        "col.fatalities": "死亡人数",
        "col.injuries": "受伤或患病人数",
        "col.prior_crisis": "此前有无类似危机",
        "col.selection": "收录类别",
        "col.posture": "SCCT 姿态",
        "col.benoit": "Benoit 类别",
        "col.self_disclosed": "企业是否主动披露",
        "col.hours_to_first_response": "首次回应小时数",
        "col.coding_rationale": "编码理由",
        "col.response": "回应",
        "col.note": "备注",
        "col.timeline": "时间线",
        "col.sources": "来源",
        "col.viewpoints": "评论观点",
        "show.codings": "已发表研究的编码",
        "show.codings.differs": "本数据集的不同之处",
        "show.codings.agrees": "本数据集的编码与该研究一致",
        "col.years": "年份",
        "period.ongoing": "持续中",
        "period.not_dated": "结束日期不详",
        "list.footer": "共 {count} 个案例。详情：trustcrises show 案例编号",
        "list.case": "个案例",
        "list.cases": "个案例",
        "show.decisive": "★ 决定性回应：平息危机（或其主要压力）的那次回应",
        "show.more_viewpoints": "……另有 {count} 条；trustcrises show {case_id} --viewpoints all",
        "no_date": "无日期",
        "label_sep": "：",
        # the findings report's summary tables
        "summary.cases": "案例数",
        "summary.responded": "有回应",
        "summary.exact": "天数精确",
        "summary.median_min": "中位数下限（天）",
        "summary.median_max": "中位数上限（天）",
        "summary.fastest": "最快（天）",
        "summary.slowest": "最慢（天）",
        "fit.matched": "相符",
        "fit.beyond": "超出建议",
        "fit.short": "不及建议",
        "fit.undetermined": "无法判定",
        "fit.no_response": "无否认、淡化或重建回应",
        # figures
        "tick.1h": "1小时",
        "tick.1d": "1天",
        "tick.1w": "1周",
        "tick.1m": "1月",
        "tick.1y": "1年",
        "tick.5y": "5年",
        "fig.time_axis": "距触发事件的时间（1 小时内为线性刻度，其后为对数刻度）",
        "fig.timelines.title": "从触发事件起的时间线",
        "fig.response_posture": "回应：{posture}",
        "fig.decisive": "决定性回应",
        "fig.other_events": "处罚、法律程序或结果",
        "fig.coarse_date": "日期仅精确到月或年（线段：可能的日期范围）",
        "fig.group_n": "{group}（n = {n}）",
        "fig.times.title.first": "首次回应用时（天），按{by}分组",
        "fig.times.title.decisive": "决定性回应用时（天），按{by}分组",
        "fig.times.note": "圆点：精确天数；线段：日期不精确到日时的上下限；色带：组中位数，介于上下限各自的中位数之间。",
        "fig.strategies.title": "各 SCCT 危机类型的回应策略",
        "fig.strategies.unit": "回应事件数",
        # analysis: crosstab, response times, SCCT fit
        "col.channel": "渠道",
        "col.decade": "年代",
        "decade": "{decade}年代",
        "total": "合计",
        "count.label": "数量",
        "share.label": "占比",
        "count.share": "{n}（{pct}）",
        "unit.cases": "个案例",
        "unit.responses": "个回应事件",
        "crosstab.title": "{rows}与{columns}交叉分布",
        "crosstab.title.one": "按{rows}分布",
        "crosstab.subtitle.count": "数量；共 {n} {unit}",
        "crosstab.subtitle.row": "数量，括号内为占该行的比例；共 {n} {unit}",
        "crosstab.subtitle.column": "数量，括号内为占该列的比例；共 {n} {unit}",
        "crosstab.subtitle.all": "数量，括号内为占总数的比例；共 {n} {unit}",
        "crosstab.note.response": "每个回应事件计一次，并沿用其所属案例的各项编码。",
        "fit.guideline": "准则 {n}（{text}）",
        "fit.reason.not_coded": "该案例未编码 SCCT 类型，没有适用的准则。",
        "fit.reason.no_response": "建议：{rules}。该案例没有记录否认型、淡化型或重建型回应。",
        "fit.reason.matched": "建议：{rules}。所用最强的姿态为{strongest}，与建议相符。",
        "fit.reason.beyond": "建议：{rules}。所用最强的姿态为{strongest}，比建议更具包容性。",
        "fit.reason.short": "建议：{rules}。所用最强的姿态为{strongest}，不及建议的包容程度。",
        "fit.reason.undetermined": "数据未记录此前是否有类似危机，而两种情形的准则不同：{rules}。"
                                   "所用最强的姿态为{strongest}，只符合其中之一。",
        "fit.reason.history_unknown": "无论此前是否有类似危机（数据未记录），结论相同。",
        "fit.reason.reputation": "企业此前的声誉未编码，按中性处理。",
        "fit.none_used": "否认型、淡化型、重建型均未使用",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``values`` filled in."""
    template = TEXT[lang][key]
    return template.format(**values) if values else template


#: What each group of compare() fields tells, in the order the subtitle names them.
_SUBTITLE_PARTS = (("cause_category", ("cause_category",)), ("trigger", ("trigger",)),
                   ("pressure_source", ("pressure_source",)),
                   ("speed", ("days_to_first_response", "days_to_decisive_response",
                              "response_timing")),
                   ("responses", ("responses",)), ("outcome", ("outcome", "decision_outcome")))


def compare_subtitle(lang: str, fields: list[str]) -> str:
    """The subtitle of a comparison: what its chosen columns tell, in a sentence."""
    parts = [text(lang, f"compare.part.{key}") for key, members in _SUBTITLE_PARTS
             if any(f in fields for f in members)]
    if "speed" in [k for k, m in _SUBTITLE_PARTS if any(f in fields for f in m)] and \
            "responses" in fields:
        parts.remove(text(lang, "compare.part.responses"))
    if not parts:
        return text(lang, "compare.rows")
    if lang == "zh":
        joined = parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "，以及" + parts[-1]
    else:
        joined = parts[0] if len(parts) == 1 else (
            " and ".join(parts) if len(parts) == 2 else ", ".join(parts[:-1]) + ", and "
            + parts[-1])
    return joined[0].upper() + joined[1:]


def column_label(lang: str, field: str) -> str:
    """The header of a column, with its unit where it has one."""
    label = TEXT[lang][f"col.{field}"]
    if field in ("days_to_first_response", "days_to_decisive_response"):
        return text(lang, "with_unit", label=label, unit=TEXT[lang]["unit.days"])
    return label


def date_text(lang: str, value: Any, precision: str) -> str:
    """A date written at its precision (day, month or year); MISSING when it is not known."""
    if value is None:
        return MISSING
    key = {"day": "date.day", "month": "date.month"}.get(precision, "date.year")
    return text(lang, key, y=value.year, m=value.month, d=value.day)


def yes_no(lang: str, value: object) -> str:
    """Yes for True, No for False, Unknown for anything else (a missing value)."""
    return text(lang, {True: "yes", False: "no"}.get(value, "unknown"))  # type: ignore[arg-type]


_ALIASES = {"zh-cn": "zh", "zh-hans": "zh", "zh-hans-cn": "zh", "cn": "zh", "chinese": "zh",
            "中文": "zh", "zh-tw": "zh", "zh-hant": "zh", "en-us": "en", "en-gb": "en",
            "english": "en", "英文": "en"}


def check_lang(lang: object) -> str:
    """``lang`` when it is a supported language, else a ValueError listing them."""
    if lang in LANGS:
        return str(lang)
    from ._problems import did_you_mean

    alias = _ALIASES.get(lang.strip().lower().replace("_", "-")) if isinstance(lang, str) \
        else None
    hint = f"Did you mean {alias!r}?" if alias else did_you_mean(lang, list(LANGS))
    raise ValueError(f"Unknown language {lang!r}. " + (f"{hint} " if hint else "")
                     + f"Valid languages: {', '.join(LANGS)}.")


def check_fields(fields: object, valid: dict[str, str] | tuple[str, ...] = tuple(COMPARE_FIELDS)
                 ) -> list[str]:
    """The requested fields in order without repeats, or a ValueError listing the valid ones."""
    from ._problems import did_you_mean

    names = list(valid)
    if isinstance(fields, str) or not hasattr(fields, "__iter__"):
        raise TypeError(f"fields must be a list of field names, not {type(fields).__name__}; "
                        f"valid fields: {', '.join(names)}.")
    chosen = list(dict.fromkeys(fields))
    if not chosen:
        raise ValueError(f"fields is empty. Valid fields: {', '.join(names)}.")
    for name in chosen:
        if name not in names:
            hint = did_you_mean(name, names)
            raise ValueError(f"Unknown field {name!r}. " + (f"{hint} " if hint else "")
                             + f"Valid fields: {', '.join(names)}.")
    return chosen
