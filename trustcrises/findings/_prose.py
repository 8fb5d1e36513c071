"""The sentences of the findings report, in English and in Chinese.

Every number in them is a placeholder filled from the data when the report is built.
"""

from __future__ import annotations

PROSE: dict[str, dict[str, str]] = {
    "en": {
        "title": "What the corpus shows: corporate trust crises and how companies responded",
        "meta": "Cases: {n}. Response events: {responses}. Data: {collection}, data version "
                "{version}. Built on {built}.",
        "collection.bundled": "the trustcrises dataset",
        "collection.user": "a user-supplied collection coded with the trustcrises codebook",
        "caveat": "The cases were chosen, not sampled: the crises the source article discusses, "
                  "the cases that crisis-communication research and teaching keep returning "
                  "to, and cases of users pressing a company's decision. Counts describe this "
                  "collection, not all corporate crises, and each figure says how many cases "
                  "it rests on.",
        "sample.h": "The collection",
        "speed.h": "1. How fast do companies respond?",
        "speed.lead": "Of {responded} cases with a dated first response, the median first "
                      "response came {median} after the trigger; {within_day} of them ({share}) "
                      "responded within a day for certain. Where a date is known only to the "
                      "month or year, the days are a range, and the median is given as the "
                      "range between the median lower and upper bounds.",
        "speed.by": "By {by}",
        "strategies.h": "2. Which strategies did they use, and did they match SCCT?",
        "strategies.lead": "The {responses} response events of {cases} cases, by the SCCT "
                           "cluster of their crisis. Against the guidelines of Coombs (2007), "
                           "{matched} of {judged} cases ({share}) used the posture recommended "
                           "for their crisis as their strongest one, {beyond} went beyond it, "
                           "{short} fell short of it, and for {undetermined} the answer depends "
                           "on a crisis history the data does not record. {mixed} cases mixed "
                           "denial with diminishing or rebuilding, which SCCT advises against.",
        "strategies.fit": "Fit with SCCT's recommendation, by cluster",
        "pressure.h": "3. How often did user pressure reverse a company decision?",
        "pressure.lead": "{pressed} cases record users or customers pressing a company's "
                         "business decision: it was reversed in {reversed}, partly reversed "
                         "in {partly} and upheld in {upheld}. The earliest reversal in the "
                         "collection is {earliest} ({earliest_year}).",
        "pressure.before": " {before} of the reversals, in full or in part, came before "
                           "{case} ({year}), the case the source article calls the first in "
                           "internet history; {before_internet} of them before 1995.",
        "pressure.table": "Cases of a pressed decision, in date order",
        "research.h": "4. What the collection says about findings of the research literature",
        "research.lead": "The collection codes what companies did, not what it did to their "
                         "reputation or share price, so it can say how common a practice is, "
                         "not whether it worked.",
        "thunder.h": "Stealing thunder",
        "thunder": "Studies of stealing thunder (Arpan and Roskos-Ewoldsen 2005; Claeys and "
                   "Cauberghe 2012) find that a company that breaks its own bad news is "
                   "judged more credible. In this collection the company broke the news itself "
                   "in {yes} of {known} cases where it is known ({share}); for {unknown} more "
                   "it is not recorded.",
        "speed2.h": "Speed",
        "speed2": "Event studies link faster disclosure to smaller losses (for example, Eilert "
                  "and colleagues 2017 on recall delays). Here, {day} of {responded} cases "
                  "({share}) responded within a day for certain, {week} within a week, and "
                  "{slow} took more than a month for certain.",
        "apology.h": "Apologies",
        "apology": "Racine, Wilson and Wynes (2020) find that an apology helps a company's "
                   "market value only when the company is responsible. Here {preventable} of "
                   "{preventable_n} preventable crises ({share_p}) included an apology, against "
                   "{other} of {other_n} victim and accidental crises ({share_o}).",
        "onset.h": "Sudden and smouldering crises",
        "onset": "The Institute for Crisis Management counts more smouldering crises than "
                 "sudden ones. In this collection {smouldering} of {known} crises ({share}) "
                 "were smouldering, built up over weeks or months before they peaked.",
        "figures.missing": "The figures are left out: they need matplotlib (pip install "
                           "'trustcrises[plot]').",
        "footer": "Every number in this report was computed from the data when it was built. "
                  "Cite the data as: {citation}. Licence: {license}. Quotes in the data are "
                  "short and in their sources' own words; the source article is linked, never "
                  "copied.",
        "day": "{n} day", "days": "{n} days", "range": "{low} to {high} days",
        "none": "no case",
    },
    "zh": {
        "title": "数据集所揭示的：企业信任危机与企业的回应",
        "meta": "案例：{n} 个。回应事件：{responses} 个。数据：{collection}，数据版本 {version}。"
                "生成于 {built}。",
        "collection.bundled": "trustcrises 数据集",
        "collection.user": "用户提供、按 trustcrises 编码表编码的案例集",
        "caveat": "这些案例是挑选而来的，并非抽样：包括原文讨论的危机、危机传播研究和教学反复引用的"
                  "案例，以及用户向企业决策施压的案例。各项计数描述的是这一案例集，而非全部企业危机；"
                  "每个数字都注明其所依据的案例数。",
        "sample.h": "案例集构成",
        "speed.h": "一、企业回应有多快？",
        "speed.lead": "在 {responded} 个首次回应有日期的案例中，首次回应距触发事件的中位数为"
                      "{median}；其中 {within_day} 个（{share}）可以确定在一天之内作出回应。"
                      "若日期只精确到月或年，天数为一个区间，中位数以下限中位数至上限中位数的区间表示。",
        "speed.by": "按{by}",
        "strategies.h": "二、企业用了哪些策略，是否符合 SCCT 的建议？",
        "strategies.lead": "{cases} 个案例的 {responses} 个回应事件，按危机的 SCCT 类型分列。"
                           "对照 Coombs（2007）的准则，{judged} 个案例中有 {matched} 个（{share}）"
                           "所用最强的姿态与建议相符，{beyond} 个超出建议，{short} 个不及建议，"
                           "另有 {undetermined} 个取决于数据未记录的危机历史。{mixed} 个案例将否认与"
                           "淡化或重建混用，而 SCCT 不建议这样做。",
        "strategies.fit": "与 SCCT 建议的符合情况，按危机类型",
        "pressure.h": "三、用户施压多常使企业撤回决策？",
        "pressure.lead": "{pressed} 个案例记录了用户或顾客向企业的经营决策施压：其中 {reversed} 个"
                         "撤回了决策，{partly} 个部分撤回，{upheld} 个坚持原决定。案例集中最早的"
                         "撤回是{earliest}（{earliest_year} 年）。",
        "pressure.before": "全部或部分撤回的案例中，有 {before} 个早于原文称为“互联网史上首次”的"
                           "{case}（{year} 年）；其中 {before_internet} 个早于 1995 年。",
        "pressure.table": "决策受到施压的案例，按日期排列",
        "research.h": "四、案例集对研究文献中若干发现的说明",
        "research.lead": "案例集编码的是企业做了什么，而不是这些做法对声誉或股价的影响，因此它能说明"
                         "某种做法有多常见，却不能说明其是否有效。",
        "thunder.h": "抢先披露（stealing thunder）",
        "thunder": "关于抢先披露的研究（Arpan 和 Roskos-Ewoldsen 2005；Claeys 和 Cauberghe "
                   "2012）发现，主动公布自身坏消息的企业被认为更可信。在本案例集中，在可知的 "
                   "{known} 个案例里，有 {yes} 个（{share}）由企业自己率先披露；另有 {unknown} 个"
                   "未记录。",
        "speed2.h": "回应速度",
        "speed2": "事件研究发现披露越快损失越小（例如 Eilert 等 2017 年关于召回延迟的研究）。"
                  "在本案例集中，{responded} 个案例里有 {day} 个（{share}）可以确定在一天内回应，"
                  "{week} 个在一周内，{slow} 个可以确定超过一个月。",
        "apology.h": "道歉",
        "apology": "Racine、Wilson 和 Wynes（2020）发现，只有在企业负有责任时，道歉才有助于其市值。"
                   "在本案例集中，{preventable_n} 个可预防型危机中有 {preventable} 个（{share_p}）"
                   "包含道歉，而受害型和意外型危机为 {other_n} 个中的 {other} 个（{share_o}）。",
        "onset.h": "突发型与渐进型危机",
        "onset": "危机管理研究所（Institute for Crisis Management）统计的渐进型危机多于突发型。"
                 "在本案例集中，{known} 个危机中有 {smouldering} 个（{share}）属于渐进型，"
                 "即在数周或数月间逐渐发酵后才达到高峰。",
        "figures.missing": "本报告未包含图表：图表需要 matplotlib（pip install "
                           "'trustcrises[plot]'）。",
        "footer": "本报告中的每个数字都是在生成时根据数据计算得出的。引用数据请注明：{citation}。"
                  "许可：{license}。数据中的引文简短且保留来源原文；原文仅提供链接，不予转载。",
        "day": "{n} 天", "days": "{n} 天", "range": "{low} 至 {high} 天",
        "none": "无",
    },
}


def prose(lang: str, key: str, **values: object) -> str:
    template = PROSE[lang][key]
    return template.format(**values) if values else template
