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
        "compare.subtitle": "What set each crisis off, who applied the pressure, and how fast "
                            "the company responded",
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
        "source.dataset": "Source: trustcrises dataset, data version {version}{license}.",
        "source.user": "Source: user-supplied data, coded with the codebook of the trustcrises "
                       "dataset, data version {version}.",
        "source.license": ", {license}",
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
        "col.selection": "In the collection as",
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
    },
    "zh": {
        "compare.title": "企业信任危机比较",
        "compare.subtitle": "危机因何而起、由谁施压，以及企业回应的速度",
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
        "source.dataset": "资料来源：trustcrises 数据集，数据版本 {version}{license}。",
        "source.user": "资料来源：用户提供的数据，按 trustcrises 数据集的编码表编码（数据版本 "
                       "{version}）。",
        "source.license": "，{license}",
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
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``values`` filled in."""
    template = TEXT[lang][key]
    return template.format(**values) if values else template


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
