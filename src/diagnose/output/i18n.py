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
    "start_intro": {"zh": "回答关于集群的可观察情况，系统推断治理类型、问题与措施，每条结论都可追溯到章节原文。先填写集群名称（Tab 切换），再新建评估。", "en": "Answer what you can observe about the cluster; the system infers its governance type, problems and remedies, each traced to the chapter. Name the cluster first (Tab moves between fields), then start."},
    "new_assessment": {"zh": "新建评估", "en": "New assessment"},
    "cluster_name": {"zh": "集群名称", "en": "Cluster name"},
    "cluster_place": {"zh": "地点（可选）", "en": "Place (opt.)"},
    "cluster_year": {"zh": "年份", "en": "Year"},
    "cluster_name_hint": {"zh": "例如：某镇制鞋家庭作坊集群", "en": "e.g. the shoe workshops of a town"},
    "unnamed_cluster": {"zh": "未命名集群", "en": "unnamed cluster"},
    "nothing_to_resume": {"zh": "还没有保存的评估可以继续；请新建评估或打开档案。", "en": "There is no saved assessment to resume; start a new one or open a profile."},
    "resume": {"zh": "继续上次的评估", "en": "Resume saved"},
    "open_profile": {"zh": "打开档案…", "en": "Open a profile…"},
    "switch_language": {"zh": "切换到英文", "en": "中文"},
    "profile_path_prompt": {"zh": "档案文件路径（YAML 或 JSON），回车打开", "en": "Profile file (YAML or JSON); Enter to open"},
    "saved_to": {"zh": "自动保存到", "en": "Autosaved to"},
    "question_of": {"zh": "已答 {answered} 题 · 还有 {waiting} 题待问（随回答增减）", "en": "{answered} answered · {waiting} to ask (changes with your answers)"},
    "why_asked": {"zh": "为什么问这个问题", "en": "Why this question is asked"},
    "could_affect": {"zh": "这个回答可能影响", "en": "Its answer can affect"},
    "help": {"zh": "说明", "en": "Help"},
    "reported_incident": {"zh": "（已发生的事件：会使问题记为“已发生”）", "en": "(a reported incident: makes a problem 'observed')"},
    "number_hint": {"zh": "输入数字后回车，留空或 u 表示未知。输入框接收按键时，单键命令（b、w、h 等）暂停；按 Esc 离开输入框即可使用。", "en": "Type a number and Enter; empty or u means unknown. While the box takes keys, single-key commands (b, w, h, ...) wait: Esc leaves the box."},
    "not_a_number": {"zh": "请输入 {min} 到 {max} 之间的数字，或 u 表示未知", "en": "Type a number from {min} to {max}, or u for unknown"},
    "range": {"zh": "范围", "en": "range"},
    "panel_title": {"zh": "实时诊断", "en": "Live diagnosis"},
    "top_remedies": {"zh": "优先措施", "en": "Top remedies"},
    "how_title": {"zh": "推理过程", "en": "How it was reached"},
    "review_title": {"zh": "回答一览：问题与你的回答（回车修改，Esc 返回）", "en": "Your answers: each question and its answer (Enter changes it, Esc goes back)"},
    "review_hint": {"zh": "回车修改所选问题；Esc 返回", "en": "Enter edits the selected question; Esc goes back"},
    "changed_since": {"zh": "上次查看以来诊断的变化", "en": "Changes in the diagnosis since you last looked"},
    "no_changes": {"zh": "无变化", "en": "no changes"},
    "gained": {"zh": "新增", "en": "gained"},
    "lost": {"zh": "消失", "en": "lost"},
    "exported": {"zh": "已导出", "en": "Exported"},
    "export_title": {"zh": "导出诊断报告", "en": "Export the diagnosis"},
    "add_to_workbook": {"zh": "加入集群填报表", "en": "Add to the cluster workbook"},
    "added_to_workbook": {"zh": "已加入 {path}，第 {row} 行", "en": "Added to {path}, row {row}"},
    "jump_prompt": {"zh": "跳转到问题：输入问题中的词语，↓ 选择，回车前往", "en": "Go to a question: type words of it, ↓ to pick, Enter to go"},
    "more_matches": {"zh": "……还有 {count} 个，请多输入几个词", "en": "… {count} more: type more words"},
    "jump_placeholder": {"zh": "例如：火灾、工会、出口", "en": "e.g. fire, union, export"},
    "unknown_question": {"zh": "没有这个问题", "en": "No such question"},
    "all_done": {"zh": "相关问题都已问过（{passed} 个留作未知）。按 v 查看回答，按 x 导出报告。", "en": "Every relevant question has been asked ({passed} left unknown). Press v to review, x to export."},
    "corrupt_profile": {"zh": "保存的档案无法读取，已移到一旁，从头开始", "en": "The saved profile could not be read; it was set aside and you start clean"},
    # questionnaire: no lost answers (replace, save failures, a second questionnaire, quitting unsaved)
    "replace_title": {"zh": "替换已保存的评估？", "en": "Replace the saved assessment?"},
    "replace_body": {"zh": "{path} 中保存着评估“{name}”（{answers} 个回答）。继续将替换它；旧文件会先备份为旁边带时间戳的副本。",
                     "en": "{path} holds the saved assessment '{name}' ({answers} answers). Going on replaces it; the old file is first kept as a timestamped backup beside it."},
    "replace_yes": {"zh": "替换（保留备份）", "en": "Replace (keep a backup)"},
    "cancel": {"zh": "取消", "en": "Cancel"},
    "backup_kept": {"zh": "旧档案已备份到", "en": "The old profile was backed up to"},
    "backup_failed": {"zh": "无法备份旧档案，因此没有替换任何内容", "en": "The old profile could not be backed up, so nothing was replaced"},
    "not_saved": {"zh": "未能保存，回答仍保留在内存中", "en": "Not saved; your answers are kept in memory"},
    "retry_hint": {"zh": "会自动重试，也可按 Ctrl+S 重试；退出时会询问保存位置。", "en": "It is retried automatically, or press Ctrl+S; quitting asks where to save."},
    "saved_again": {"zh": "已保存到", "en": "Saved to"},
    "unsaved_mark": {"zh": "未保存", "en": "unsaved"},
    "locked_out": {"zh": "另一个问卷程序正在使用此档案，这里的回答不会保存到该文件", "en": "Another questionnaire has this profile open; answers given here are not saved to it"},
    "quit_unsaved_title": {"zh": "有 {count} 个回答尚未保存到文件", "en": "{count} answers are not saved in any file"},
    "quit_unsaved_body": {"zh": "原因：{reason}\n输入保存位置（一个新文件），回车即保存并退出。", "en": "Why: {reason}\nType where to save them (a new file) and press Enter to save and quit."},
    "save_and_quit": {"zh": "保存并退出", "en": "Save and quit"},
    "quit_without_saving": {"zh": "不保存，直接退出", "en": "Quit without saving"},
    "next_best": {"zh": "下一个最有价值的问题", "en": "Next best question"},
    "basics": {"zh": "基本问题", "en": "Basics"},
    "not_found_list": {"zh": "未得出的问题", "en": "Problems not found"},
    "why_not_title": {"zh": "为何未得出：选择一项查看原因，回车前往所选问题", "en": "Why not: pick one to see why; Enter on a question goes to it"},
    "prefer": {"zh": "章节更推荐", "en": "the chapter prefers"},
    "summary": {"zh": "已答 {answered}/{questions} 个问题；问题：{observed} 个已发生、{probable} 个很可能、{possible} 个有可能；建议 {recommended} 项措施，另有 {considered} 项考虑后未建议，已有 {in_place} 项制度。",
                "en": "{answered} of {questions} questions answered; problems: {observed} observed, {probable} probable, {possible} possible; {recommended} remedies recommended, {considered} considered and not recommended, {in_place} already in place."},
    # recommending is a decision (inference/recommend.py): the headings and the reasons a remedy is only considered
    "recommended_title": {"zh": "建议措施（按优先顺序）", "en": "Recommended remedies (in order of priority)"},
    "considered_title": {"zh": "已考虑但未建议的措施", "en": "Remedies considered but not recommended"},
    "evidence": {"zh": "证据强度", "en": "evidence"},
    "considered": {"zh": "考虑后未建议", "en": "considered"},
    "outside_chapter": {"zh": "（章节以外的事实）", "en": "(a fact from outside the chapter)"},
    "reason_no_problem_found": {"zh": "它针对的问题均未推断出：{names}", "en": "none of the problems it addresses was found: {names}"},
    "reason_problem_only_possible": {"zh": "它针对的问题只是“有可能”（一般性风险），本身不足以建议：{names}",
                                     "en": "the problems it addresses are only possible (a generic exposure), which recommends nothing by itself: {names}"},
    "reason_problem_below_threshold": {"zh": "它针对的问题确定度低于 {threshold}：{names}", "en": "the problems it addresses are less certain than {threshold}: {names}"},
    "reason_support_below_threshold": {"zh": "得出它的规则确定度低于 {threshold}", "en": "the rules that reach it are less certain than {threshold}"},
    "reason_precondition_unmet": {"zh": "前提条件未满足：{names}", "en": "a precondition does not hold: {names}"},
    "reason_does_not_fit": {"zh": "其作用机制与本集群问题的成因不符：{names}", "en": "its mechanism does not fit this cluster's cause of the problem: {names}"},
    "reason_fit_unknown": {"zh": "尚不能确定其机制是否适合本集群，需回答：{names}", "en": "whether its mechanism fits this cluster is not known yet; answer: {names}"},
    "status": {"zh": "状态", "en": "status"},
    "current_answer": {"zh": "当前回答", "en": "Current answer"},
    "section": {"zh": "部分", "en": "Section"},
    "yes": {"zh": "是", "en": "yes"},
    "colon": {"zh": "：", "en": ": "},
    "clause_join": {"zh": "；", "en": "; "},
    "paren_open": {"zh": "（", "en": " ("},
    "paren_close": {"zh": "）", "en": ")"},
    "no_type_short": {"zh": "未定", "en": "none"},
    "based_on": {"zh": "依据", "en": "based on"},
    "see_quote": {"zh": "（原文见上文“{name}”）", "en": "(quoted above under “{name}”)"},
    "format_markdown": {"zh": "文本报告（.md）", "en": "Markdown report (.md)"},
    "format_json": {"zh": "数据文件（.json）", "en": "JSON data (.json)"},
    "format_html": {"zh": "网页报告（.html，可打印）", "en": "HTML report (.html, printable)"},
    "format_workbook": {"zh": "加入集群填报表（.xlsx）", "en": "Add to the cluster workbook (.xlsx)"},
    "palette_placeholder": {"zh": "搜索命令…", "en": "Search for commands…"},
    "help_title": {"zh": "帮助：各屏幕的按键与用途（Esc 关闭）", "en": "Help: the keys of every screen and what each screen does (Esc closes)"},
    "help_everywhere": {"zh": "任何屏幕|这些键在任何屏幕都可用。", "en": "Every screen|These keys work everywhere."},
    "help_start": {"zh": "开始屏幕|填写集群名称（可选地点与年份），然后新建评估、继续自动保存的评估或打开档案文件。", "en": "Start screen|Name the cluster (place and year optional), then start a new assessment, resume the autosaved one or open a profile file."},
    "help_question": {"zh": "问题屏幕|一次一个问题：左边是问题、说明和章节原文，右边是实时诊断。用数字键回答；答“未知”的问题本次不会再问，除非你返回或跳转到它。Tab 在问题、回答和诊断面板之间切换；在面板上按回车查看推理过程。", "en": "Question screen|One question at a time: the question, its help and the chapter's words on the left, the live diagnosis on the right. Answer with the number keys; a question answered 'unknown' is not asked again in this session unless you go back or go to it. Tab moves between the question, the answers and the panel; Enter on the panel shows how a finding was reached."},
    "help_review": {"zh": "回答一览|按部分列出每个相关问题和你的回答，以及上次查看以来诊断的变化。回车修改所选问题。", "en": "Your answers|Every relevant question with your answer, by section, and what changed in the diagnosis since you last looked. Enter changes the selected answer."},
    "help_go_to": {"zh": "跳转|输入问题中的词语（中文或英文都可以），从匹配的问题中选择并回车前往。", "en": "Go to|Type words of a question (in either language), pick one of the matches and press Enter to go there."},
    "help_why_not": {"zh": "为何未得出|选择一个未得出的问题或未建议的措施：说明原因，并列出哪些问题、怎样回答就会得出它。在某个问题上按回车即可去回答。", "en": "Why not|Pick a problem not found or a remedy not recommended: it says why, and which questions, answered how, would lead to it. Enter on a question goes and answers it."},
    "help_how": {"zh": "推理过程|一条结论的推理链：每一步的规则说明、章节原文和所依据的回答。", "en": "How it was reached|The chain behind a finding: each step's explanation, the chapter's words and the answers it used."},
    "help_export": {"zh": "导出|把诊断写成文本报告、数据文件或可打印的网页报告，保存在档案旁边。", "en": "Export|Write the diagnosis as a Markdown report, JSON data or a printable HTML page, next to the profile."},
    "help_key_choose": {"zh": "选择第几个回答（是=1，否=2）", "en": "pick that answer (yes = 1, no = 2)"},
    "help_key_choose_unknown": {"zh": "回答“未知”并继续（本次不再问）", "en": "answer 'unknown' and move on (not asked again)"},
    "help_key_next": {"zh": "下一个问题（跳过的问题记为未知，本次不再问）", "en": "next question (one skipped stays unknown and is not asked again)"},
    "help_key_previous": {"zh": "回到上一个看过的问题", "en": "back to the question seen before"},
    "help_key_best": {"zh": "最可能改变结论的未答问题", "en": "the unanswered question that could change most"},
    "help_key_why": {"zh": "为什么问这个问题", "en": "why this question is asked"},
    "help_key_how": {"zh": "所选结论（或第一个问题）的推理过程", "en": "how the selected finding (or the first problem) was reached"},
    "help_key_why_not": {"zh": "为何没有得出某个问题或措施", "en": "why a problem or remedy was not found"},
    "help_key_jump": {"zh": "按词语跳转到问题", "en": "go to a question by its words"},
    "help_key_review": {"zh": "查看全部回答并修改", "en": "see and change all answers"},
    "help_key_export": {"zh": "导出报告", "en": "export the report"},
    "help_key_focus_panel": {"zh": "离开数字输入框，转到诊断面板", "en": "leave the number box, go to the panel"},
    "help_key_help": {"zh": "本帮助", "en": "this help"},
    "help_key_toggle_language": {"zh": "切换中文与英文（下次启动时记住）", "en": "switch between Chinese and English (remembered next time)"},
    "help_key_toggle_theme": {"zh": "切换深色与浅色主题", "en": "switch the dark and light theme"},
    "help_key_quit": {"zh": "退出（回答已自动保存）", "en": "quit (answers are autosaved)"},
    "help_key_new": {"zh": "新建评估", "en": "start a new assessment"},
    "help_key_resume": {"zh": "继续自动保存的评估", "en": "resume the autosaved assessment"},
    "help_key_open": {"zh": "打开档案文件", "en": "open a profile file"},
    "help_key_focus_next": {"zh": "下一个输入栏或按钮", "en": "next field or button"},
    "help_key_dismiss": {"zh": "关闭本屏幕", "en": "close this screen"},
    "help_key_close": {"zh": "返回", "en": "go back"},
    "help_key_cancel": {"zh": "取消", "en": "cancel"},
    "help_key_edit": {"zh": "修改所选问题的回答", "en": "change the selected answer"},
    "help_key_submit": {"zh": "确认输入的数字（留空为未知）", "en": "enter the number typed (empty: unknown)"},
    "help_key_markdown": {"zh": "导出文本报告（.md）", "en": "export a Markdown report (.md)"},
    "help_key_json": {"zh": "导出数据文件（.json）", "en": "export JSON data (.json)"},
    "help_key_html": {"zh": "导出可打印的网页报告（.html）", "en": "export a printable HTML report (.html)"},
    "help_key_workbook": {"zh": "把本集群加入档案旁的集群填报表（clusters.xlsx）", "en": "add this cluster to the workbook next to the profile (clusters.xlsx)"},
    "help_key_to_matches": {"zh": "转到匹配的问题列表", "en": "move to the matching questions"},
    "help_key_command_palette": {"zh": "命令面板：按名称查找命令", "en": "command palette: find a command by name"},
    # WHY-NOT in words (output/why_not.py)
    "or_join": {"zh": "或", "en": " or "},
    "list_join": {"zh": "、", "en": ", "},
    "unit_space": {"zh": "", "en": " "},
    "need_ne": {"zh": "不是{value}", "en": "anything but {value}"},
    "need_not_in": {"zh": "不是{value}", "en": "anything but {value}"},
    "need_gt": {"zh": "多于{value}{unit}", "en": "more than {value}{unit}"},
    "need_ge": {"zh": "至少{value}{unit}", "en": "at least {value}{unit}"},
    "need_lt": {"zh": "少于{value}{unit}", "en": "fewer than {value}{unit}"},
    "need_le": {"zh": "至多{value}{unit}", "en": "at most {value}{unit}"},
    "req_not_asked": {"zh": "按前面的回答不会问到", "en": "not asked, given an earlier answer"},
    "req_open": {"zh": "尚未回答", "en": "not answered yet"},
    "req_answered": {"zh": "你的回答：{answer}", "en": "you answered: {answer}"},
    "req_found": {"zh": "需要得出", "en": "needs to be found"},
    "req_not_found": {"zh": "需要未得出", "en": "must not be found"},
    "req_holds": {"zh": "符合", "en": "holds"},
    "req_fails": {"zh": "不符合", "en": "does not hold"},
    "req_open_conclusion": {"zh": "取决于尚未回答的问题", "en": "depends on questions not answered yet"},
    "would_need": {"zh": "需要的回答", "en": "would need"},
    "way": {"zh": "途径", "en": "Way"},
    "way_intro": {"zh": "满足下列全部条件即可得出：", "en": "It would be found if all of these hold:"},
    "kind_problem": {"zh": "问题", "en": "problem"},
    "kind_remedy": {"zh": "措施", "en": "remedy"},
    "kind_type": {"zh": "治理类型", "en": "governance type"},
    "kind_fact": {"zh": "情况", "en": "finding"},
    "kind_consequence": {"zh": "后果", "en": "consequence"},
    "kind_stage": {"zh": "阶段", "en": "stage"},
    "wn_in_place": {"zh": "这项制度已经具备，因此不再建议。", "en": "This is already in place, so it is not recommended again."},
    "wn_ruled_out": {"zh": "按目前的回答，每条途径都有不符合的条件。", "en": "With the answers given, every way to it has a condition that does not hold."},
    "wn_could_still": {"zh": "回答下面标“尚未回答”的问题，仍可能得出。", "en": "It could still be found: answer the questions marked 'not answered yet'."},
    "wn_reached_not_recommended": {"zh": "已被考虑，但未达到建议的条件。", "en": "It was considered but does not meet the conditions for a recommendation."},
    "wn_reasons": {"zh": "未被建议的原因", "en": "Why it is not recommended"},
    "wn_go_answer": {"zh": "回车：去回答所选问题", "en": "Enter: go and answer the selected question"},
    "reason_other": {"zh": "未达到建议的条件（{names}）", "en": "it does not meet the conditions for a recommendation ({names})"},
    "not_recommended_list": {"zh": "未建议的措施", "en": "Remedies not recommended"},
    "no": {"zh": "否", "en": "no"},
    # in the browser (diagnose serve)
    "serve_listening": {"zh": "问卷已在 {url} 提供（按 Ctrl+C 停止）", "en": "Serving the questionnaire on {url} (Ctrl+C to stop)"},
    "serve_public_warning": {"zh": "警告：问卷没有登录功能，任何能访问此地址的人都能使用它。请只在本单位带身份验证的代理之后提供。",
                             "en": "Warning: the questionnaire has no login; anyone who can reach this address can use it. Serve it only behind your own authenticating proxy."},
    "serve_connecting": {"zh": "正在连接问卷…", "en": "Connecting to the questionnaire…"},
    "serve_ended": {"zh": "本次会话已结束，回答已自动保存。", "en": "The session has ended; your answers were saved."},
    "serve_restart": {"zh": "重新打开", "en": "Open again"},
    "serve_needs_js": {"zh": "问卷需要启用 JavaScript。", "en": "The questionnaire needs JavaScript."},
}


# Footer labels of key bindings, by action name.
KEY_LABELS = {
    "new": {"zh": "新建", "en": "New"}, "resume": {"zh": "继续", "en": "Resume"}, "open": {"zh": "打开", "en": "Open"},
    "next": {"zh": "下一题", "en": "Next"}, "previous": {"zh": "上一题", "en": "Back"},
    "best": {"zh": "最佳下一题", "en": "Best next"}, "why": {"zh": "为何问", "en": "Why asked"},
    "how": {"zh": "推理", "en": "How"}, "why_not": {"zh": "为何没有", "en": "Why not"},
    "jump": {"zh": "跳转", "en": "Find"}, "review": {"zh": "回答", "en": "Review"},
    "export": {"zh": "导出", "en": "Export"}, "toggle_language": {"zh": "英文", "en": "中文"},
    "toggle_theme": {"zh": "主题", "en": "Theme"}, "quit": {"zh": "退出", "en": "Quit"},
    "dismiss": {"zh": "关闭", "en": "Close"}, "close": {"zh": "返回", "en": "Back"}, "save": {"zh": "保存", "en": "Save"}, "cancel": {"zh": "取消", "en": "Cancel"},
    "help": {"zh": "帮助", "en": "Help"}, "choose": {"zh": "回答", "en": "Answer"},
    "choose_unknown": {"zh": "未知", "en": "Unsure"}, "focus_panel": {"zh": "离开输入框", "en": "Leave box"},
    "focus_next": {"zh": "下一栏", "en": "Next field"}, "edit": {"zh": "修改", "en": "Change"},
    "to_matches": {"zh": "选择", "en": "Pick"}, "submit": {"zh": "回答", "en": "Answer"},
    "markdown": {"zh": "文本报告", "en": "Markdown"}, "json": {"zh": "数据文件", "en": "JSON"},
    "html": {"zh": "网页报告", "en": "HTML"}, "workbook": {"zh": "填报表", "en": "Workbook"}, "command_palette": {"zh": "命令", "en": "Commands"},
}

KEY_NAMES = {"right": "→", "left": "←", "down": "↓", "up": "↑", "pagedown": "PgDn", "pageup": "PgUp",
             "escape": "Esc", "enter": "Enter", "tab": "Tab", "question_mark": "?"}


def key_name(key: str, lang: str) -> str:
    """A key as printed on the keyboard: arrows as arrows, ctrl+q as Ctrl+Q, f1 as F1."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    parts = key.split("+")
    if len(parts) == 1 and len(key) == 1:
        return key                                    # a letter or digit, as typed
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in parts)


def year_label(year: str | None, lang: str) -> str:
    """A precedent's year as the catalogue writes it (1990, 1990s, early 1990s, after 1984,
    before 1991, 2000-, 1992-2003, "1984, 1990") in the reader's language."""
    import re
    text = (year or "").strip()
    if lang != "zh" or not text:
        return text
    if "," in text:
        return "、".join(year_label(part, lang) for part in text.split(","))
    for pattern, form in ((r"^(\d{4})$", "{0}年"), (r"^(\d{4})-$", "{0}年起"), (r"^(\d{4})-(\d{4})$", "{0}—{1}年"),
                          (r"^after (\d{4})$", "{0}年以后"), (r"^before (\d{4})$", "{0}年以前")):
        found = re.match(pattern, text)
        if found:
            return form.format(*found.groups())
    found = re.match(r"^(early |late )?(\d{4})s$", text)
    if found:
        y, when = found.group(2), {"early ": "初", "late ": "末"}.get(found.group(1) or "", "")
        century = f"{int(y[:2]) + 1}世纪"
        return century + when if y[2] == "0" and when else f"{century}{y[2]}0年代{when}"
    return text


def paragraph_label(paragraph: str, lang: str) -> str:
    """A chapter paragraph reference: 第15段 in Chinese, P15 in English."""
    return f"第{paragraph[1:]}段" if lang == "zh" and paragraph[1:].isdigit() else paragraph


def t(key: str, lang: str) -> str:
    entry = UI.get(key)
    return entry[lang] if entry else key


def answer_label(value, lang: str, question=None) -> str:
    """An answer as the user reads it: yes/no/unknown in the language, a choice by its text (when the
    question is given), numbers without trailing zeros."""
    if value is True:
        return t("yes", lang)
    if value is False:
        return t("no", lang)
    if value is None or value == "unknown":
        return t("unknown", lang)
    if question is not None and getattr(question, "choices", None):
        choice = next((c for c in question.choices if c.id == value), None)
        if choice is not None:
            return choice.text(lang)
    return f"{value:g}" if isinstance(value, float) else str(value)
