"""The words of the website that the tables do not already have, in English and in Chinese.

Where the site shows what a table or ``show`` shows (column headers, yes/no, dates, units), it
takes the words from ``_labels``; only what is the site's own (navigation, headings, filters,
the licence) is here. ``word`` looks here first, then in ``_labels``.
"""

from __future__ import annotations

from .. import _labels as L

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "lang.name": "English",
        "lang.switch": "Read this page in English",
        "skip": "Skip to the content",
        "nav.label": "Site",
        "nav.index": "Cases",
        "nav.sources": "Sources",
        "nav.codebook": "Codebook",
        "nav.findings": "Findings",
        "nav.commentary": "Commentary",
        "nav.commentary.seed": "The seed article's commentary",
        "nav.about": "Licence and citation",
        "version": "data version {version}",
        "footer.version": "Data version {version}, built with trustcrises {package}.",
        "footer.cite": "Cite as: {citation}",
        "footer.licence": "Data licence: {licences}. Quoted text remains its publishers'.",
        "footer.no_licence": "The collection's datapackage.json names no licence.",
        "footer.more": "Licence, citation and what may not be reproduced",
        "cite.version": "data version {version}",
        "cite.codebook": "coded with the codebook of the trustcrises dataset",
        "root.title": "Corporate trust crises",
        "root.enter": "Read the site in English",
        # the index
        "index.lede": "{count} {cases}. Each has a page with its summary, coding, dated "
                      "timeline with quotes and sources, and response times.",
        "index.case": "case",
        "index.cases": "cases",
        "index.caption": "Every case, oldest first.",
        "index.caption.sort": "Select a column header to sort by it.",
        "index.title_column": "Case",
        "filter.legend": "Filter and search",
        "filter.any": "All",
        "filter.decade": "Decade",
        "filter.search": "Search titles and summaries",
        "filter.reset": "Show every case",
        "filter.count": "{shown} of {total} cases shown.",
        "filter.none": "No case matches: change a filter or the search.",
        "sort.ascending": "sorted ascending",
        "sort.descending": "sorted descending",
        # a case
        "case.all": "All cases",
        "case.summary": "Summary",
        "case.facts": "Facts and coding",
        "case.story": "Trigger, response and outcome",
        "case.times": "Response times",
        "case.times.range.first": "The first response came between {low} and {high} days after "
                                  "the trigger (a date is known only to the month or year).",
        "case.times.range.decisive": "The decisive response came between {low} and {high} days "
                                     "after the trigger (a date is known only to the month or "
                                     "year).",
        "case.figure": "Timeline at a glance",
        "case.figure.alt": "Timeline of {title}: events by days since the trigger, responses "
                           "coloured by posture",
        "case.times.hours": "{hours} hours from the trigger to the first response, where the "
                            "sources give both times of day.",
        "case.times.none": "No response time can be derived: the dates are coarser than a "
                           "day, or there is no such response.",
        "case.timeline.caption": "The dated events of the case, in order; each with its "
                                 "source and a short verbatim quote.",
        "case.seq": "No.",
        "case.quote_source": "Quote and source",
        "case.original": "original",
        "case.original.label": "{publisher}: the original page",
        "case.decisive": "Decisive response",
        "case.rationale": "Why this code",
        "case.notes": "Notes and disagreements",
        "case.notes.none": "The sources agree on this case; no note was recorded.",
        "case.notes.events": "Notes on single events stand beside them in the timeline: "
                             "events {events}.",
        "case.commentary": "Commentary",
        "case.commentary.count": "{count} claims by commentators on this case, with their "
                                 "stances: see {link}.",
        "case.codings": "How published studies coded this case",
        "case.codings.lede": "Each study's coding of this case in our words, with a short "
                             "quote from the study and where this dataset's coding differs.",
        "case.codings.cluster": "SCCT cluster the study assigns",
        "case.codings.differs": "Where this dataset differs",
        "case.codings.agrees": "This dataset's coding agrees with the study's.",
        "case.sources": "Sources cited",
        "case.address": "Permanent address",
        "case.address.text": "This page stays at {path} (in Chinese: {other}). Its case id, "
                             "{case_id}, is stable across versions of the data.",
        "case.address.url": "On the web: {url}",
        # sources
        "sources.title": "Sources",
        "sources.lede": "{count} sources, cited by the cases' timelines, the commentary and the "
                        "published codings. "
                        "Each quote on a case page is a short excerpt of one of them and "
                        "remains its publisher's; follow the link to read the original.",
        "sources.cited_by": "Cited by",
        "sources.kind": "Kind",
        "sources.published": "Published",
        "sources.language": "Language",
        "sources.author": "Author",
        "sources.no_url": "no address",
        # codebook
        "codebook.title": "Codebook",
        "codebook.lede": "Every code of the data, with its label and definition in English and "
                         "in Chinese. {lists} code lists, {codes} codes.",
        "codebook.contents": "Code lists",
        "codebook.code": "Code",
        "codebook.meaning": "Label and definition",
        "codebook.reference": "Reference",
        "codebook.related": "Related codes",
        "codebook.used": "Cases",
        # commentary
        "commentary.title": "Commentary",
        "commentary.title.seed": "The seed article's commentary",
        "commentary.lede": "{count} claims by {people} commentators, coded by theme and, where "
                           "a claim takes a side, by its stance on a contested proposition. "
                           "The claims are our summaries; each quote is a short excerpt.",
        "commentary.article": "The article: {source}. This site refers to it and never "
                              "copies it; where the article has an address, the link leads to "
                              "its publisher.",
        "commentary.stances": "Stances on the propositions",
        "commentary.no_stance": "No claim takes a side on this proposition.",
        "commentary.people": "Commentators and their claims",
        "commentary.commentator": "Commentator",
        "commentary.stance": "Stance",
        "commentary.claim": "Claim",
        "commentary.why": "Why this stance",
        "commentary.theme": "Theme",
        "commentary.section": "Part of the article",
        "commentary.problem": "core problem {n}",
        "commentary.on": "On {case}",
        # about
        "about.title": "Licence and citation",
        "about.cite": "How to cite",
        "about.cite.text": "Cite the data with its version, so that a reader finds the same "
                           "cases:",
        "about.cite.case": "A single case can be cited by its case id, which stays the same "
                           "across versions, with the address of its page.",
        "about.licence": "Licence",
        "about.licence.none": "The collection's datapackage.json names no licence: ask its "
                              "authors before you reuse it.",
        "about.reproduce": "What may not be reproduced",
        "about.reproduce.quotes": "Quoted text is not ours. Each quote is a short excerpt (at "
                                  "most {limit} characters), kept so that a reader can check and "
                                  "cite the source; it remains the property of its publisher, "
                                  "named with its address on the sources page.",
        "about.reproduce.seed": "The article the dataset grew from ({source}) does not allow "
                                "reproduction. This site holds facts about it, our own "
                                "summaries of its claims, short quotes and a reference to it "
                                "(with a link where it has an address), never the article "
                                "itself.",
        "about.data": "The data",
        "about.data.text": "This site shows {title}, data version {version}: {count} {cases}, "
                           "with their events, sources, commentary and codebook. The same data "
                           "is in the Python package trustcrises as Parquet tables.",
        "about.site": "This site was built by the command trustcrises site (trustcrises "
                      "{package}). It works offline, from the folder it was written to: it "
                      "loads nothing from elsewhere.",
    },
    "zh": {
        "lang.name": "中文",
        "lang.switch": "阅读本页的中文版",
        "skip": "跳到正文",
        "nav.label": "网站",
        "nav.index": "案例",
        "nav.sources": "来源",
        "nav.codebook": "编码表",
        "nav.findings": "研究发现",
        "nav.commentary": "评论",
        "nav.commentary.seed": "种子文章的评论",
        "nav.about": "许可与引用",
        "version": "数据版本 {version}",
        "footer.version": "数据版本 {version}，由 trustcrises {package} 生成。",
        "footer.cite": "引用格式：{citation}",
        "footer.licence": "数据许可：{licences}。引文的权利仍归其出版方所有。",
        "footer.no_licence": "该数据集的 datapackage.json 未注明许可。",
        "footer.more": "许可、引用与不得转载的内容",
        "cite.version": "数据版本 {version}",
        "cite.codebook": "按 trustcrises 数据集的编码表编码",
        "root.title": "企业信任危机",
        "root.enter": "进入中文网站",
        "index.lede": "共 {count} {cases}。每个案例均有单独页面，包括摘要、编码、附引文与来源的"
                      "时间线以及回应用时。",
        "index.case": "个案例",
        "index.cases": "个案例",
        "index.caption": "全部案例，按时间先后排列。",
        "index.caption.sort": "点击列标题即可按该列排序。",
        "index.title_column": "案例",
        "filter.legend": "筛选与搜索",
        "filter.any": "全部",
        "filter.decade": "年代",
        "filter.search": "搜索标题与摘要",
        "filter.reset": "显示全部案例",
        "filter.count": "显示 {shown} 个案例，共 {total} 个。",
        "filter.none": "没有符合条件的案例：请更改筛选条件或搜索词。",
        "sort.ascending": "升序",
        "sort.descending": "降序",
        "case.all": "全部案例",
        "case.summary": "摘要",
        "case.facts": "基本信息与编码",
        "case.story": "触发事件、回应与结果",
        "case.times": "回应用时",
        "case.times.range.first": "首次回应在触发事件后 {low} 至 {high} 天之间（日期仅精确到月或年）。",
        "case.times.range.decisive": "决定性回应在触发事件后 {low} 至 {high} 天之间（日期仅精确到月或年）。",
        "case.figure": "时间线一览",
        "case.figure.alt": "{title}的时间线：按距触发事件的时间排列的事件，回应按姿态着色",
        "case.times.hours": "在来源给出具体时刻的情况下，从触发事件到首次回应历时 {hours} 小时。",
        "case.times.none": "无法推算回应用时：日期精度不到日，或没有此类回应。",
        "case.timeline.caption": "本案例按时间排列的事件，每条均附来源及简短的原文摘录。",
        "case.seq": "序号",
        "case.quote_source": "引文与来源",
        "case.original": "原文",
        "case.original.label": "{publisher}：原文页面",
        "case.decisive": "决定性回应",
        "case.rationale": "编码理由",
        "case.notes": "备注与分歧",
        "case.notes.none": "各来源对本案例的说法一致，未记录备注。",
        "case.notes.events": "个别事件的备注列于时间线中该事件旁：第 {events} 条。",
        "case.commentary": "评论",
        "case.commentary.count": "评论者就本案例提出的 {count} 条观点及其立场：见{link}。",
        "case.codings": "已发表研究如何编码本案例",
        "case.codings.lede": "以我们的话概述各项研究对本案例的编码，各附研究原文的简短引文，"
                             "并说明本数据集的编码与之有何不同。",
        "case.codings.cluster": "研究所定的SCCT危机类型",
        "case.codings.differs": "本数据集的不同之处",
        "case.codings.agrees": "本数据集的编码与该研究一致。",
        "case.sources": "引用的来源",
        "case.address": "固定地址",
        "case.address.text": "本页地址固定为 {path}（英文版：{other}）。案例编号 {case_id} 在各"
                             "数据版本中保持不变。",
        "case.address.url": "网上地址：{url}",
        "sources.title": "来源",
        "sources.lede": "共 {count} 个来源，为各案例时间线、评论与已发表研究的编码所引用。案例页面上的每条引文都是"
                        "其中某个来源的简短摘录，权利仍归其出版方所有；阅读全文请点击链接。",
        "sources.cited_by": "引用案例",
        "sources.kind": "类型",
        "sources.published": "发布日期",
        "sources.language": "语言",
        "sources.author": "作者",
        "sources.no_url": "无网址",
        "codebook.title": "编码表",
        "codebook.lede": "数据中的每个编码，附中英文标签与定义。共 {lists} 个编码列表、{codes} "
                         "个编码。",
        "codebook.contents": "编码列表",
        "codebook.code": "编码",
        "codebook.meaning": "标签与定义",
        "codebook.reference": "出处",
        "codebook.related": "相关编码",
        "codebook.used": "案例数",
        "commentary.title": "评论",
        "commentary.title.seed": "种子文章的评论",
        "commentary.lede": "{people} 位评论者的 {count} 条观点，按主题编码；观点对有争议的命题"
                           "表明立场的，同时编码其立场。观点为我们的概括，引文均为简短摘录。",
        "commentary.article": "原文：{source}。本站只引述、不转载原文；原文有网址的，链接指向其"
                              "出版方。",
        "commentary.stances": "对各命题的立场",
        "commentary.no_stance": "没有观点对此命题表明立场。",
        "commentary.people": "评论者及其观点",
        "commentary.commentator": "评论者",
        "commentary.stance": "立场",
        "commentary.claim": "观点",
        "commentary.why": "立场编码理由",
        "commentary.theme": "主题",
        "commentary.section": "所在部分",
        "commentary.problem": "核心问题 {n}",
        "commentary.on": "关于{case}",
        "about.title": "许可与引用",
        "about.cite": "引用方式",
        "about.cite.text": "引用数据时请注明版本，以便读者找到相同的案例：",
        "about.cite.case": "单个案例可用其案例编号（在各版本中保持不变）及其页面地址引用。",
        "about.licence": "许可",
        "about.licence.none": "该数据集的 datapackage.json 未注明许可：再利用前请先询问其作者。",
        "about.reproduce": "不得转载的内容",
        "about.reproduce.quotes": "引文并非我们的作品。每条引文都是简短摘录（不超过 {limit} "
                                  "个字符），保留它是为了便于读者核查和引用来源；其权利仍归出版方"
                                  "所有，出版方及网址列于来源页面。",
        "about.reproduce.seed": "本数据集所源自的文章（{source}）不允许转载。本站只收录关于它的"
                                "事实、我们对其观点的概括、简短引文和出处（有网址的附链接），"
                                "绝不收录文章本身。",
        "about.data": "数据",
        "about.data.text": "本站展示 {title}，数据版本 {version}：共 {count} {cases}，及其事件、"
                           "来源、评论与编码表。同样的数据以 Parquet 表格的形式收录在 Python 包 "
                           "trustcrises 中。",
        "about.site": "本站由 trustcrises site 命令（trustcrises {package}）生成，可离线使用："
                      "它只读取所在文件夹中的文件，不从别处加载任何内容。",
    },
}

#: Headings of the code lists that no table column names.
FIELDS: dict[str, dict[str, str]] = {
    "en": {"channel": "Channel", "theme": "Theme", "section": "Part of the article",
           "source_kind": "Kind of source", "proposition": "Proposition", "stance": "Stance",
           "article_role": "Role in the seed article", "identification": "Identification",
           "date_precision": "Date precision", "decision_outcome": "Decision"},
    "zh": {"channel": "渠道", "theme": "主题", "section": "所在部分", "source_kind": "来源类型",
           "proposition": "命题", "stance": "立场", "article_role": "在种子文章中的角色",
           "identification": "事件认定", "date_precision": "日期精度",
           "decision_outcome": "决策结局"},
}


#: The languages sources are written in (BCP 47), by name.
LANGUAGES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "zh-Hans": "Chinese (simplified)",
           "zh-Hant": "Chinese (traditional)", "ja": "Japanese", "ko": "Korean",
           "fr": "French", "de": "German", "nl": "Dutch", "es": "Spanish", "it": "Italian",
           "pt": "Portuguese", "ru": "Russian"},
    "zh": {"en": "英文", "zh-Hans": "简体中文", "zh-Hant": "繁体中文", "ja": "日文", "ko": "韩文",
           "fr": "法文", "de": "德文", "nl": "荷兰文", "es": "西班牙文", "it": "意大利文",
           "pt": "葡萄牙文", "ru": "俄文"},
}


def language_name(lang: str, code: str) -> str:
    """The name of a source's language (its BCP 47 code where it has no name here)."""
    return LANGUAGES[lang].get(code, code)


def word(lang: str, key: str, **values: object) -> str:
    """The site's word ``key`` in ``lang`` (else the tables' own), with ``values`` filled in."""
    template = WORDS[lang].get(key)
    if template is None:
        return L.text(lang, key, **values)
    return template.format(**values) if values else template


def field_label(lang: str, field: str) -> str:
    """The heading of a code list: the column's header where a table has one."""
    if field in FIELDS[lang]:
        return FIELDS[lang][field]
    key = f"col.{field}"
    return L.text(lang, key) if key in L.TEXT[lang] else field


def other(lang: str) -> str:
    """The other language of the site."""
    return "zh" if lang == "en" else "en"
