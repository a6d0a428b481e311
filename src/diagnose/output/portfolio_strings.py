"""Words of the spreadsheet template, the batch command and the portfolio, in Chinese and English.

Kept apart from i18n.py (the questionnaire's and single reports' words) because they belong to one
front end and its outputs; ``s(key, lang, **fields)`` formats one of them.
"""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # the template workbook
    "sheet_clusters": {"zh": "集群", "en": "Clusters"},
    "sheet_instructions": {"zh": "填写说明", "en": "Instructions"},
    "sheet_questions": {"zh": "问题说明", "en": "Questions"},
    "sheet_lists": {"zh": "选项", "en": "Lists"},
    "col_name": {"zh": "集群名称", "en": "Cluster name"},
    "col_notes": {"zh": "备注", "en": "Notes"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "unknown": {"zh": "不详", "en": "unknown"},
    "kind_yes_no": {"zh": "是/否/不详", "en": "yes / no / unknown"},
    "kind_number": {"zh": "数字（{min}–{max}）或不详", "en": "a number ({min}-{max}) or unknown"},
    "kind_one_of": {"zh": "下列之一或不详：{choices}", "en": "one of, or unknown: {choices}"},
    "q_column": {"zh": "列", "en": "Column"},
    "q_id": {"zh": "问题编号", "en": "Question id"},
    "q_section": {"zh": "部分", "en": "Section"},
    "q_text": {"zh": "问题", "en": "Question"},
    "q_answers": {"zh": "可填答案", "en": "Allowed answers"},
    "q_help": {"zh": "说明", "en": "Help"},
    "q_paragraph": {"zh": "段落", "en": "Paragraph"},
    "q_quote": {"zh": "原文", "en": "Quote"},
    "q_incident": {"zh": "已发生事件", "en": "Reported incident"},
    "instructions": {
        "zh": "产业集群治理诊断：集群填报表\n"
              "1. 在「集群」工作表中每行填写一个集群；第1行是问题，第2行是问题编号（请勿修改这两行）。\n"
              "2. 每个格子从下拉列表中选择答案：是、否、不详；选择题选一项；数字题填数字。不知道就留空或填「不详」。\n"
              "3. 答案也可以用英文填写（yes/no/unknown，或选项的英文或编号），两种语言可以混用。\n"
              "4. 请只填写能观察到的事实；结论由工具推断。每个问题的说明和依据的段落见「问题说明」工作表。\n"
              "5. 不要合并单元格，不要填写公式：这样的行会被报告为错误，其他行照常评估。\n"
              "6. 可以增加工作表（例如每个乡镇一张），只要保留前两行表头。\n"
              "7. 保存为 .xlsx（Excel、WPS 或 LibreOffice 均可），然后运行：diagnose batch 本文件.xlsx -o 组合.html",
        "en": "Cluster governance diagnosis: cluster returns\n"
              "1. On the 'Clusters' sheet, fill in one cluster per row; row 1 holds the questions and row 2 their ids "
              "(leave both rows as they are).\n"
              "2. Pick each answer from the cell's drop-down: yes, no, unknown; one choice for choice questions; "
              "a number for number questions. Leave a cell empty or write 'unknown' when you do not know.\n"
              "3. Answers may be written in Chinese too (是/否/不详, or a choice's Chinese text or id); the two languages may be mixed.\n"
              "4. Give only facts you can observe; the tool infers the conclusions. The 'Questions' sheet explains every "
              "question and the paragraph of the chapter it rests on.\n"
              "5. Do not merge cells and do not enter formulas: such rows are reported as errors; the other rows are still assessed.\n"
              "6. You may add sheets (one per town, for instance) as long as they keep the two header rows.\n"
              "7. Save as .xlsx (Excel, WPS or LibreOffice), then run: diagnose batch this-file.xlsx -o portfolio.html",
    },
    "pick_answer": {"zh": "请从列表中选择", "en": "Pick from the list"},
    "not_in_list": {"zh": "该答案不在列表中", "en": "This answer is not in the list"},
    # bad rows (one line each)
    "where_sheet": {"zh": "{source}：工作表「{sheet}」第 {row} 行", "en": "{source}: sheet {sheet}, row {row}"},
    "where_sheet_only": {"zh": "{source}：工作表「{sheet}」", "en": "{source}: sheet {sheet}"},
    "where_file": {"zh": "{source}：第 {row} 行", "en": "{source}: row {row}"},
    "where_column": {"zh": "{column} 列（{header}）", "en": "column {column} ({header})"},
    "where_column_only": {"zh": "{column} 列", "en": "column {column}"},
    "bad_formula": {"zh": "是公式（{value}），请直接填写答案", "en": "is a formula ({value}); type the answer itself"},
    "bad_error_value": {"zh": "是错误值（{value}）", "en": "is an error value ({value})"},
    "bad_merged": {"zh": "单元格 {range} 是合并单元格；请取消合并，每格单独填写", "en": "cells {range} are merged; unmerge them and fill each cell"},
    "bad_unknown_column": {"zh": "该列的表头不是问卷中的问题（见「问题说明」工作表）",
                           "en": "this column's header is not a question of the questionnaire (see the Questions sheet)"},
    "bad_duplicate_column": {"zh": "与 {other} 列重复（同一问题）", "en": "repeats column {other} (the same question)"},
    "bad_no_header": {"zh": "该列没有表头", "en": "the column has no header"},
    "bad_no_name": {"zh": "集群名称为空；每个集群需要一个名称", "en": "the cluster name is empty; every cluster needs a name"},
    "bad_name_length": {"zh": "集群名称超过 {max} 个字符", "en": "the cluster name is longer than {max} characters"},
    "bad_answer": {"zh": "「{value}」不是可填答案；可填：{allowed}", "en": "'{value}' is not an allowed answer; allowed: {allowed}"},
    "bad_number": {"zh": "「{value}」不是数字；可填：{min}–{max} 的数字或不详", "en": "'{value}' is not a number; allowed: a number from {min} to {max}, or unknown"},
    "bad_range": {"zh": "{value} 超出范围；可填：{min}–{max}", "en": "{value} is out of range; allowed: {min} to {max}"},
    "bad_text": {"zh": "应为文字", "en": "should be text"},
    "bad_sheet_header": {"zh": "前 {rows} 行中没有问题表头，已跳过该表",
                         "en": "no header row of questions in the first {rows} rows; the sheet was skipped"},
    "bad_csv_header": {"zh": "前 {rows} 行中没有问题表头", "en": "no header row of questions in the first {rows} rows"},
    # the batch command
    "progress": {"zh": "评估集群", "en": "Assessing clusters"},
    "done": {"zh": "已评估 {clusters} 个集群；{bad} 行有错误（已在上面列出）",
             "en": "{clusters} clusters assessed; {bad} rows had errors (listed above)"},
    "done_ok": {"zh": "已评估 {clusters} 个集群，没有错误行", "en": "{clusters} clusters assessed; no row had errors"},
    "written": {"zh": "已写入 {path}", "en": "written: {path}"},
    # the portfolio
    "portfolio_title": {"zh": "产业集群治理组合评估", "en": "Cluster governance portfolio"},
    "portfolio_intro": {"zh": "共 {clusters} 个集群；{with_problems} 个有已发生或很可能的问题；{errors} 行有错误。按紧迫性排序：危及生命和健康的问题优先。",
                        "en": "{clusters} clusters; {with_problems} with observed or probable problems; {errors} rows with errors. "
                              "Ranked by urgency: threats to life and health first."},
    "tab_summary": {"zh": "汇总", "en": "Summary"},
    "tab_matrix": {"zh": "问题矩阵", "en": "Problem matrix"},
    "tab_shared": {"zh": "共有问题", "en": "Shared problems"},
    "tab_actors": {"zh": "各主体的措施", "en": "Remedies by actor"},
    "tab_errors": {"zh": "错误行", "en": "Rows with errors"},
    "h_rank": {"zh": "紧迫性排名", "en": "Urgency rank"},
    "h_cluster": {"zh": "集群", "en": "Cluster"},
    "h_source": {"zh": "来源", "en": "Source"},
    "h_type": {"zh": "治理类型", "en": "Governance type"},
    "h_observed": {"zh": "已发生的问题", "en": "Observed problems"},
    "h_probable": {"zh": "很可能的问题", "en": "Probable problems"},
    "h_remedies": {"zh": "首要建议措施（主导主体）", "en": "Top recommended remedies (leading actor)"},
    "h_report": {"zh": "报告", "en": "Report"},
    "h_problem": {"zh": "问题", "en": "Problem"},
    "h_count": {"zh": "集群数", "en": "Clusters"},
    "h_count_observed": {"zh": "其中已发生", "en": "of which observed"},
    "h_clusters": {"zh": "涉及的集群", "en": "Which clusters"},
    "h_actor": {"zh": "主导主体", "en": "Leading actor"},
    "h_remedy": {"zh": "措施", "en": "Remedy"},
    "h_file": {"zh": "文件", "en": "File"},
    "h_sheet": {"zh": "工作表", "en": "Sheet"},
    "h_row": {"zh": "行", "en": "Row"},
    "h_column": {"zh": "列", "en": "Column"},
    "h_reason": {"zh": "原因", "en": "Reason"},
    "h_total": {"zh": "合计", "en": "Total"},
    "mark_observed": {"zh": "已发生", "en": "observed"},
    "mark_probable": {"zh": "很可能", "en": "probable"},
    "no_type": {"zh": "无法判断", "en": "not known"},
    "none": {"zh": "无", "en": "none"},
    "more": {"zh": "等 {n} 个", "en": "and {n} more"},
    "legend": {"zh": "● 已发生（有报告的事件）  ○ 很可能（结构加上原文指出的机制）；点击表头排序。",
               "en": "● observed (a reported incident)  ○ probable (structure plus the mechanism the chapter names); click a header to sort."},
    "footer": {"zh": "产业集群治理诊断 · 规则库 {version}（{date}）", "en": "Cluster governance diagnosis · rule base {version} ({date})"},
    "no_errors": {"zh": "没有错误行。", "en": "No row had errors."},
}


def s(key: str, lang: str, **fields) -> str:
    text = WORDS[key][lang]
    return text.format(**fields) if fields else text
