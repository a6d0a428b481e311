"""User-interface words in Chinese and English (domain words live in rules/)."""

UI = {
    "report_title": {"zh": "产业集群治理诊断报告", "en": "Cluster governance diagnosis"},
    "cluster": {"zh": "集群", "en": "Cluster"},
    "governance_type": {"zh": "治理类型", "en": "Governance type"},
    "no_type": {"zh": "信息不足，无法判断治理类型", "en": "Not enough information to tell the governance type"},
    "spectrum": {"zh": "治理谱系位置", "en": "Place on the governance spectrum"},
    "spectrum_poles": {"zh": "市场型 ←→ 一体化企业", "en": "market-type <-> integrated firm"},
    "problems": {"zh": "问题", "en": "Problems"},
    "no_problems": {"zh": "根据现有回答未发现问题。", "en": "No problems found from the answers given."},
    "remedies": {"zh": "治理措施（按主导主体）", "en": "Remedies (by leading actor)"},
    "no_remedies": {"zh": "暂无建议措施。", "en": "No remedies to recommend."},
    "observed": {"zh": "已发生", "en": "observed"},
    "risk": {"zh": "风险", "en": "risk"},
    "recommended": {"zh": "建议", "en": "recommended"},
    "in_place": {"zh": "已有", "en": "in place"},
    "certainty": {"zh": "确定度", "en": "certainty"},
    "priority": {"zh": "优先级", "en": "priority"},
    "addresses": {"zh": "针对", "en": "addresses"},
    "preconditions": {"zh": "前提条件", "en": "preconditions"},
    "met": {"zh": "已满足", "en": "met"},
    "unmet": {"zh": "未满足", "en": "not met"},
    "unknown": {"zh": "未知", "en": "unknown"},
    "build_first": {"zh": "需先建立", "en": "build first"},
    "concerns": {"zh": "需注意的副作用", "en": "concerns the chapter attaches"},
    "precedents": {"zh": "先例", "en": "precedents"},
    "why": {"zh": "推理依据", "en": "why"},
    "consequences": {"zh": "可能后果", "en": "consequences"},
    "unanswered": {"zh": "可能改变结论的未答问题", "en": "Unanswered questions that could change the result"},
    "could_change": {"zh": "可能影响", "en": "could change"},
    "stage": {"zh": "制度演化阶段", "en": "Stage of institutional evolution"},
    "next_step": {"zh": "下一步", "en": "next step"},
    "none": {"zh": "无", "en": "none"},
    "rule_base": {"zh": "规则库", "en": "Rule base"},
    "why_not": {"zh": "为何未得出", "en": "Why not"},
    "concluded_already": {"zh": "已得出该结论。", "en": "This was concluded."},
    "no_rule": {"zh": "没有规则可得出该结论。", "en": "No rule reaches this."},
    "holds": {"zh": "成立", "en": "holds"},
    "fails": {"zh": "不成立", "en": "fails"},
    "undecided": {"zh": "待定（有未答问题）", "en": "undecided (unanswered questions)"},
    "not met": {"zh": "未满足", "en": "not met"},
    "notes": {"zh": "章节的提醒", "en": "what the chapter notes"},
    "answers": {"zh": "已答问题", "en": "answered questions"},
    "diagram": {"zh": "问题与措施关系图", "en": "Problems and the remedies that address them"},
    "implied": {"zh": "（章节隐含）", "en": "(implied by the chapter)"},
    "whatif_title": {"zh": "假如采取措施", "en": "What if"},
    "adopted": {"zh": "采取的措施", "en": "Adopted"},
    "addressed": {"zh": "所针对的问题", "en": "Problems these remedies address"},
    "resolved": {"zh": "不再被推断出的问题", "en": "Problems no longer inferred"},
    "remaining": {"zh": "仍然存在的问题", "en": "Problems that remain"},
    "new_concerns": {"zh": "新的关注点（章节附带的副作用）", "en": "New concerns the chapter attaches"},
    "now_in_place": {"zh": "现已具备的制度", "en": "Now in place"},
    "newly_recommended": {"zh": "新增建议", "en": "Newly recommended"},
    "not_representable": {"zh": "无法表示为常设制度的措施（效果见章节说明）", "en": "Not representable as a standing institution (see the chapter's notes)"},
    "compare_title": {"zh": "集群前后对比", "en": "Comparison of two states"},
    "type_change": {"zh": "治理类型变化", "en": "Governance type"},
    "problems_gained": {"zh": "新出现的问题", "en": "Problems gained"},
    "problems_lost": {"zh": "消失的问题", "en": "Problems lost"},
    "problems_kept": {"zh": "持续的问题", "en": "Problems kept"},
    "remedies_no_longer_needed": {"zh": "不再需要的措施", "en": "Remedies no longer needed"},
    # questionnaire (TUI)
    "app_title": {"zh": "产业集群治理诊断", "en": "Cluster Governance Diagnosis"},
    "app_subtitle": {"zh": "依据《浙江产业集群的治理机制和模式演化》", "en": "after 'Governance mechanisms ... of Zhejiang industrial clusters'"},
    "start_intro": {"zh": "回答关于集群的可观察情况，系统推断治理类型、问题与措施，每条结论都可追溯到章节原文。", "en": "Answer what you can observe about the cluster; the system infers its governance type, problems and remedies, each traced to the chapter."},
    "new_assessment": {"zh": "新建评估", "en": "New assessment"},
    "resume": {"zh": "继续上次的评估", "en": "Resume the saved assessment"},
    "open_profile": {"zh": "打开已保存的档案…", "en": "Open a saved profile…"},
    "switch_language": {"zh": "English", "en": "中文"},
    "profile_path_prompt": {"zh": "档案文件路径（YAML 或 JSON），回车打开", "en": "Profile file (YAML or JSON); Enter to open"},
    "saved_to": {"zh": "自动保存到", "en": "Autosaved to"},
    "question_of": {"zh": "已答 {answered}/{relevant} 个相关问题", "en": "{answered} of {relevant} relevant questions answered"},
    "why_asked": {"zh": "为什么问这个问题", "en": "Why this question is asked"},
    "could_affect": {"zh": "这个回答可能影响", "en": "Its answer can affect"},
    "help": {"zh": "说明", "en": "Help"},
    "reported_incident": {"zh": "（已发生的事件：会使问题记为“已发生”）", "en": "(a reported incident: makes a problem 'observed')"},
    "number_prompt": {"zh": "输入数字后回车；留空或输入 0 以外的 u 表示未知", "en": "Type a number and press Enter; u for unknown"},
    "range": {"zh": "范围", "en": "range"},
    "panel_title": {"zh": "实时诊断", "en": "Live diagnosis"},
    "top_remedies": {"zh": "优先措施", "en": "Top remedies"},
    "how_title": {"zh": "推理过程", "en": "How it was reached"},
    "review_title": {"zh": "全部回答", "en": "All answers"},
    "review_hint": {"zh": "回车修改所选问题；Esc 返回", "en": "Enter edits the selected question; Esc goes back"},
    "changed_since": {"zh": "上次查看以来诊断的变化", "en": "Changes in the diagnosis since you last looked"},
    "no_changes": {"zh": "无变化", "en": "no changes"},
    "gained": {"zh": "新增", "en": "gained"},
    "lost": {"zh": "消失", "en": "lost"},
    "exported": {"zh": "已导出", "en": "Exported"},
    "export_title": {"zh": "导出诊断报告", "en": "Export the diagnosis"},
    "jump_prompt": {"zh": "跳转到问题：输入问题编号或其唯一开头，回车", "en": "Go to question: type its id or a unique start of it, Enter"},
    "unknown_question": {"zh": "没有这个问题", "en": "No such question"},
    "all_done": {"zh": "所有相关问题都已回答。按 v 查看全部回答，按 x 导出报告。", "en": "All relevant questions are answered. Press v to review, x to export."},
    "corrupt_profile": {"zh": "保存的档案无法读取，已移到一旁，从头开始", "en": "The saved profile could not be read; it was set aside and you start clean"},
    "next_best": {"zh": "下一个最有价值的问题", "en": "Next best question"},
    "basics": {"zh": "基本问题", "en": "Basics"},
    "not_found_list": {"zh": "未得出的问题（选择查看原因）", "en": "Problems not found (pick one to see why not)"},
    "summary": {"zh": "已答 {answered}/{questions} 个问题；{observed} 个已发生的问题、{risks} 个风险；建议 {recommended} 项措施，已有 {in_place} 项制度。",
                "en": "{answered} of {questions} questions answered; {observed} observed problems and {risks} risks; {recommended} remedies recommended, {in_place} already in place."},
    "prefer": {"zh": "章节更推荐", "en": "the chapter prefers"},
    "status": {"zh": "状态", "en": "status"},
    "current_answer": {"zh": "当前回答", "en": "Current answer"},
    "section": {"zh": "部分", "en": "Section"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
}


# Footer labels of key bindings, by action name.
KEY_LABELS = {
    "new": {"zh": "新建", "en": "New"}, "resume": {"zh": "继续", "en": "Resume"}, "open": {"zh": "打开", "en": "Open"},
    "next": {"zh": "下一题", "en": "Next"}, "previous": {"zh": "上一题", "en": "Back"},
    "best": {"zh": "最佳下一题", "en": "Best next"}, "why": {"zh": "为何问", "en": "Why"},
    "how": {"zh": "推理", "en": "How"}, "why_not": {"zh": "为何没有", "en": "Why not"},
    "jump": {"zh": "跳转", "en": "Go to"}, "review": {"zh": "全部回答", "en": "Review"},
    "export": {"zh": "导出", "en": "Export"}, "toggle_language": {"zh": "English", "en": "中文"},
    "toggle_theme": {"zh": "主题", "en": "Theme"}, "quit": {"zh": "退出", "en": "Quit"},
    "dismiss": {"zh": "关闭", "en": "Close"}, "close": {"zh": "返回", "en": "Back"}, "cancel": {"zh": "取消", "en": "Cancel"},
}


def t(key: str, lang: str) -> str:
    entry = UI.get(key)
    return entry[lang] if entry else key


def answer_label(value, lang: str) -> str:
    """An answer as the user reads it: yes/no/unknown in the language, numbers without trailing zeros."""
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    if value is None or value == "unknown":
        return t("unknown", lang)
    return f"{value:g}" if isinstance(value, float) else str(value)
