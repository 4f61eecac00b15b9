"""Every text a person reads, in Simplified Chinese (default) and English.

Core code deals in keys and arguments; only renderers turn them into text, so a problem
found once can be shown in either language and machine output keeps the stable key.
"""

from __future__ import annotations

import string
from typing import Any

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
ENV_VAR = "JIEBANG_LANG"

# key: (zh, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading files
    "yaml.encoding": (
        "文件不是 UTF-8 编码（在字节 {byte} 处无法解码）",
        "file is not UTF-8 (cannot decode byte {byte})",
    ),
    "yaml.encoding-gbk": ("文件是 GBK/GB18030 编码，不是 UTF-8", "file is GBK/GB18030-encoded, not UTF-8"),
    "yaml.encoding-utf16": ("文件是 UTF-16 编码，不是 UTF-8", "file is UTF-16-encoded, not UTF-8"),
    "yaml.bad-character": (
        "文件含有不允许的字符 {char}",
        "file contains a character YAML does not allow: {char}",
    ),
    "yaml.syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml.tab": ("用制表符（Tab）缩进了", "indented with a tab character"),
    "yaml.fullwidth-colon": (
        "“{key}”后面是全角冒号“：”，YAML 只认半角冒号“:”",
        "'{key}' is followed by a full-width colon '：'; YAML needs an ASCII colon ':'",
    ),
    "yaml.conflict-marker": ("文件里有未解决的 git 合并冲突标记", "unresolved git merge-conflict marker"),
    "yaml.duplicate-key": ("字段“{key}”重复出现", "key '{key}' appears more than once"),
    "yaml.key-type": (
        "字段名必须是文字，不能是列表或映射",
        "a key must be plain text, not a list or mapping",
    ),
    "yaml.tag": ("不接受标签 {tag}", "tag {tag} is not accepted"),
    "yaml.multiple-documents": (
        "一个文件只能有一个 YAML 文档（发现了 ---）",
        "a register file holds one YAML document (found another '---')",
    ),
    "yaml.alias-bomb": (
        "锚点/别名展开后超过 {limit} 个节点",
        "anchors and aliases expand to more than {limit} nodes",
    ),
    "yaml.recursive-alias": ("别名引用了自身", "an alias refers to itself"),
    "yaml.too-deep": ("嵌套超过 {limit} 层", "nested more than {limit} levels deep"),
    "yaml.leading-zero": (
        "数字 {text} 以 0 开头；这里按十进制读取",
        "number {text} has a leading zero; read as decimal",
    ),
    "yaml.number-too-large": (
        "数字 {text} 太大，超出了任何数值能表示的范围",
        "number {text} is too large to be any figure",
    ),
    "file.unreadable": ("无法读取文件：{reason}", "cannot read file: {reason}"),
    "file.empty": ("文件是空的", "file is empty"),
    "file.not-mapping": (
        "文件顶层应是字段映射（键: 值），实际是{type}",
        "the top level should be a mapping (key: value), found a {type}",
    ),
    "file.outside-layout": (
        "文件不在登记册的目录结构里，已忽略",
        "file is outside the register layout and was ignored",
    ),
    "file.yml-suffix": ("扩展名应为 .yaml", "the file extension should be .yaml"),
    # --- schema
    "schema.required": ("缺少必填字段“{field}”", "required field '{field}' is missing"),
    "schema.unknown-field": ("未知字段“{field}”", "unknown field '{field}'"),
    "schema.type": (
        "“{field}”应为 {expected}，实际是 {value}",
        "'{field}' should be {expected}, found {value}",
    ),
    "schema.enum": (
        "“{field}”的值 {value} 不在允许范围内：{allowed}",
        "'{field}': {value} is not one of: {allowed}",
    ),
    "schema.const": (
        "“{field}”应为 {expected}，实际是 {value}",
        "'{field}' should be {expected}, found {value}",
    ),
    "schema.format": (
        "“{field}”的值 {value} 不是有效的{expected}",
        "'{field}': {value} is not a valid {expected}",
    ),
    "schema.pattern": (
        "“{field}”的值 {value} 格式不对（应匹配 {expected}）",
        "'{field}': {value} does not match {expected}",
    ),
    "schema.minimum": ("“{field}”的值 {value} 小于 {limit}", "'{field}': {value} is less than {limit}"),
    "schema.maximum": ("“{field}”的值 {value} 大于 {limit}", "'{field}': {value} is greater than {limit}"),
    "schema.exclusiveMinimum": (
        "“{field}”的值 {value} 应大于 {limit}",
        "'{field}': {value} must be greater than {limit}",
    ),
    "schema.exclusiveMaximum": (
        "“{field}”的值 {value} 应小于 {limit}",
        "'{field}': {value} must be less than {limit}",
    ),
    "schema.minItems": ("“{field}”至少要有 {limit} 项", "'{field}' needs at least {limit:~item}"),
    "schema.maxItems": ("“{field}”最多 {limit} 项", "'{field}' allows at most {limit:~item}"),
    "schema.minLength": (
        "“{field}”不能为空（至少 {limit} 个字符）",
        "'{field}' must have at least {limit:~character}",
    ),
    "schema.maxLength": ("“{field}”最多 {limit} 个字符", "'{field}' allows at most {limit:~character}"),
    "schema.uniqueItems": ("“{field}”里有重复项", "'{field}' has repeated items"),
    "schema.invalid": ("不符合模式：{detail}", "does not match the schema: {detail}"),
    # --- register-wide
    "register.empty": (
        "登记册里没有任何项目集（programmes/ 为空）",
        "the register has no programme (programmes/ is empty)",
    ),
    "programme.missing": ("项目集目录里缺少 programme.yaml", "programme folder has no programme.yaml"),
    "programme.id-mismatch": (
        "项目集 id “{value}”与目录名“{folder}”不一致",
        "programme id '{value}' differs from its folder name '{folder}'",
    ),
    "project.file-name": (
        "项目编号 {number} 与文件名“{name}”不一致（应为 {expected}）",
        "project number {number} does not match the file name '{name}' (expected {expected})",
    ),
    "unique.project-number": (
        "项目编号 {value} 重复（首次出现在 {first}）",
        "project number {value} is used twice (first in {first})",
    ),
    "unique.person-id": ("人员编号 {value} 重复", "person id {value} is used twice"),
    "unique.category-number": ("类别序号 {value} 重复", "category number {value} is used twice"),
    "unique.category-key": ("类别键 {value} 重复", "category key {value} is used twice"),
    "unique.category-short": ("类别简称 {value} 重复", "category short name {value} is used twice"),
    "unique.source-id": ("来源编号 {value} 重复", "source id {value} is used twice"),
    "unique.team-id": ("团队编号 {value} 在本项目中重复", "team id {value} is used twice in this project"),
    "unique.milestone-id": (
        "里程碑编号 {value} 在本项目中重复",
        "milestone id {value} is used twice in this project",
    ),
    "unique.indicator-id": ("指标编号 {value} 在同一文件中重复", "indicator id {value} is used twice in this file"),
    "unique.application-id": (
        "申请编号 {value} 在本项目中重复",
        "application id {value} is used twice in this project",
    ),
    "ref.person": ("人员 {value} 不在 people.yaml 里", "person {value} is not in people.yaml"),
    "ref.category": ("类别 {value} 不存在", "category {value} does not exist"),
    "ref.source": (
        "来源 {value} 未在 programme.yaml 的 sources 里登记",
        "source {value} is not listed in programme.yaml",
    ),
    "ref.team": ("团队 {value} 在本项目中不存在", "team {value} does not exist in this project"),
    "ref.milestone": ("里程碑 {value} 在本项目中不存在", "milestone {value} does not exist in this project"),
    "count.declared": (
        "declared.{field} 写的是 {declared}，实际是 {actual}",
        "declared.{field} says {declared}, the register has {actual}",
    ),
    "lifecycle.transition": (
        "状态不能从 {source} 直接变为 {target}（允许：{allowed}）",
        "status cannot move from {source} to {target} (allowed: {allowed})",
    ),
    "lifecycle.from-mismatch": (
        "from 写的是 {value}，但上一条记录的状态是 {expected}",
        "'from' says {value} but the previous entry moved to {expected}",
    ),
    "lifecycle.reason-required": (
        "变为 {target} 必须写明原因（reason）",
        "moving to {target} needs a reason",
    ),
    "lifecycle.date-order": (
        "日期 {value} 早于上一条记录的 {previous}",
        "date {value} is before the previous entry's {previous}",
    ),
    "lifecycle.status-mismatch": (
        "status 是 {value}，但状态记录最后一条是 {expected}",
        "status is {value} but the status history ends at {expected}",
    ),
    "lifecycle.no-team": (
        "状态为 {status} 的项目至少要有一个团队",
        "a project in status {status} needs at least one team",
    ),
    "text.control-character": (
        "文字里有控制字符 {char}（会在终端里起作用）",
        "text contains the control character {char}, which acts on terminals",
    ),
    "hint.text.control-character": (
        "删掉这个字符（通常是复制粘贴带进来的）",
        "delete it (it usually comes from copy and paste)",
    ),
    "pii.phone": (
        "疑似手机号码 {value}：个人联系方式不得写入共享登记册",
        "looks like a mobile number ({value}): contact details must not enter the shared register",
    ),
    "pii.id-card": (
        "疑似身份证号码 {value}：不得写入登记册",
        "looks like an ID-card number ({value}): never store it",
    ),
    "history.transition": (
        "提交 {commit}（{author}，{date}）把状态从 {source} 直接改为 {target}，状态流转表不允许",
        "commit {commit} ({author}, {date}) moved status from {source} to {target}, which the lifecycle forbids",
    ),
    "history.rewritten": (
        "提交 {commit}（{author}，{date}）改写或删除了已有的状态记录",
        "commit {commit} ({author}, {date}) rewrote or removed earlier status history entries",
    ),
    "history.baseline-moved": (
        "提交 {commit}（{author}，{date}）把里程碑 {id} 的基线期限从 {before} 改成 {after}",
        "commit {commit} ({author}, {date}) moved milestone {id}'s baselined due date from {before} to {after}",
    ),
    "history.revision-without-reason": (
        "提交 {commit}（{author}，{date}）调整里程碑 {id} 的期限为 {after}，但没写原因",
        "commit {commit} ({author}, {date}) revised milestone {id} to {after} without a reason",
    ),
    "history.record-edited": (
        "提交 {commit}（{author}，{date}）改动或删除了已有的 {field} 记录（进展和讲评只能追加）",
        "commit {commit} ({author}, {date}) edited or removed earlier {field} entries (append-only)",
    ),
    "hint.history.record-edited": (
        "更正请追加一条新记录；恢复原记录：git revert {commit}",
        "add a new entry to correct it; restore with git revert {commit}",
    ),
    "history.number-reused": (
        "提交 {commit}（{author}，{date}）重用了项目编号 {number}（原为“{before}”）",
        "commit {commit} ({author}, {date}) reused project number {number} (was '{before}')",
    ),
    "hint.history.transition": (
        "用 jiebang move 逐步变更；若确属误改，用 git revert {commit}",
        "move step by step with jiebang move; if it was a mistake, git revert {commit}",
    ),
    "hint.history.rewritten": (
        "状态记录只能追加；恢复原记录（git revert {commit}）",
        "status history is append-only: restore it (git revert {commit})",
    ),
    "hint.history.baseline-moved": (
        "先撤销这次手工修改（git revert {commit}），找回原基线 {before}；再用 jiebang milestone … {id} --due {after} "
        "--reason 原因 记下调整",
        "first undo this hand edit (git revert {commit}) to get the original {before} back; then record the change "
        "with jiebang milestone … {id} --due {after} --reason WHY",
    ),
    "hint.history.revision-without-reason": ("补上 revision_reason", "add revision_reason"),
    "hint.history.number-reused": (
        "编号不得重用：给新项目用下一个编号",
        "numbers are never reused: give the new project the next number",
    ),
    # --- hints
    "hint.did-you-mean": ("是不是“{suggestion}”？", "did you mean '{suggestion}'?"),
    "hint.known-fields": ("可用字段：{known}", "known fields: {known}"),
    "hint.known-categories": ("现有类别：{known}", "categories: {known}"),
    "hint.category-by-label": ("写成 {suggestion}", "write {suggestion}"),
    "hint.category-near": (
        "是不是“{label}”？写成 {suggestion}",
        "did you mean '{label}'? write {suggestion}",
    ),
    "hint.person-by-name": (
        "这里写人员编号，不写姓名：{value} 的编号是 {suggestion}",
        "use the person's id, not the name: {value} is {suggestion}",
    ),
    "hint.add-person": (
        "先在 people.yaml 里登记此人，或改成已有的编号",
        "add the person to people.yaml first, or use an existing id",
    ),
    "hint.yaml.encoding": ("用编辑器另存为 UTF-8", "save the file as UTF-8 in your editor"),
    "hint.yaml.encoding-gbk": (
        "另存为 UTF-8：Windows 记事本里“文件 → 另存为”，编码选 UTF-8；或 iconv -f GB18030 -t UTF-8 原文件 > 新文件",
        "re-save as UTF-8: in Windows Notepad, File → Save as, encoding UTF-8; or iconv -f GB18030 -t UTF-8 old > new",
    ),
    "hint.yaml.encoding-utf16": ("用编辑器另存为 UTF-8", "save the file as UTF-8 in your editor"),
    "hint.yaml.tab": (
        "YAML 只能用空格缩进：把 Tab 换成两个空格",
        "YAML indents with spaces only: replace the tab with two spaces",
    ),
    "hint.yaml.fullwidth-colon": (
        "把“：”改成半角“:”，冒号后加一个空格",
        "replace '：' with ':' followed by a space",
    ),
    "hint.yaml.conflict-marker": (
        "保留正确的一边，删掉 <<<<<<<、=======、>>>>>>> 这几行，再提交",
        "keep the right side, delete the <<<<<<< ======= >>>>>>> lines, then commit",
    ),
    "hint.yaml.duplicate-key": (
        "删掉或合并重复的字段，只保留一个",
        "delete or merge the repeated key so it appears once",
    ),
    "hint.yaml.tag": ("删掉以 ! 开头的标签，直接写值", "remove the '!' tag and write the plain value"),
    "hint.yaml.multiple-documents": (
        "删掉多余的 --- 分隔线，或拆成两个文件",
        "remove the extra '---' or split the file",
    ),
    "hint.yaml.alias-bomb": (
        "登记册文件不需要层层嵌套的别名：直接写出内容",
        "write the values out instead of nesting aliases",
    ),
    "hint.yaml.leading-zero": (
        "去掉前导 0，写成 {value}；若要保留文字，加引号",
        "write {value} without the leading zero, or quote it to keep it as text",
    ),
    "hint.yaml.number-too-large": (
        "写实际的数字；若是编号等文字，加引号",
        "write the actual figure; quote it if it is text such as a reference number",
    ),
    "hint.yaml.bad-character": ("删除这个不可见字符", "delete this invisible character"),
    "hint.file.not-mapping": ("每行写成“字段: 值”", "write one 'key: value' per line"),
    "hint.file.yml-suffix": ("把文件改名为 .yaml", "rename the file to .yaml"),
    "hint.file.outside-layout": (
        "项目文件放在 programmes/<项目集>/projects/ 下",
        "project files go under programmes/<programme>/projects/",
    ),
    "hint.project.file-name": ("把文件改名为 {expected}", "rename the file to {expected}"),
    "hint.lifecycle.transition": (
        "按状态流转表逐步变更，每一步写一条 status_history",
        "move one allowed step at a time, one status_history entry per step",
    ),
    "hint.lifecycle.reason-required": ("在这条记录里加上 reason: …", "add 'reason: …' to this entry"),
    "hint.lifecycle.status-mismatch": (
        "让 status 与最后一条 status_history 的 to 一致",
        "make status equal the last status_history 'to'",
    ),
    "hint.count.declared": (
        "核对榜单：补齐缺少的项目，或更正 declared",
        "check the published list, or correct 'declared'",
    ),
    "hint.pii.phone": (
        "删掉号码；如果已经提交过，还要从 git 历史中清除",
        "delete it; if it was ever committed, purge it from git history too",
    ),
    "hint.pii.id-card": (
        "删掉号码；如果已经提交过，还要从 git 历史中清除",
        "delete it; if it was ever committed, purge it from git history too",
    ),
    "hint.schema.required": ("补上“{field}: …”", "add '{field}: …'"),
    "hint.schema.format": (
        "日期写成 YYYY-MM-DD，例如 2022-02-24",
        "write dates as YYYY-MM-DD, e.g. 2022-02-24",
    ),
    # --- errors that stop a run
    "register.missing": ("找不到登记册路径 {path}", "register path {path} does not exist"),
    "register.not-a-register": (
        "{path} 不是登记册：里面没有 programmes/ 目录",
        "{path} is not a register: it has no programmes/ folder",
    ),
    "register.invalid": (
        "登记册有 {count} 个问题，请先运行 jiebang validate 修正",
        "the register has {count:~problem}; run jiebang validate and fix them first",
    ),
    "register.none-for-path": ("{path} 不在任何登记册里", "{path} is not inside a register"),
    "usage.bad-sort": (
        "不支持的排序 {value}（可选：{allowed}）",
        "cannot sort by {value} (choose {allowed})",
    ),
    "usage.bad-status": ("没有状态“{value}”（可选：{allowed}）", "no status '{value}' (choose {allowed})"),
    "usage.bad-rag": (
        "没有颜色“{value}”（可选：红/red、黄/amber、绿/green）",
        "no RAG colour '{value}' (red, amber, green)",
    ),
    "usage.bad-tier": (
        "没有层级“{value}”（可选：重点/key、一般/normal）",
        "no tier '{value}' (key or normal)",
    ),
    "usage.bad-date": ("日期“{value}”无效，应写成 YYYY-MM-DD", "invalid date '{value}': write YYYY-MM-DD"),
    "usage.bad-method": (
        "没有揭榜方式“{value}”（可选：{allowed}）",
        "no application method '{value}' (choose {allowed})",
    ),
    "usage.bad-role": ("没有角色“{value}”（可选：{allowed}）", "no role '{value}' (choose {allowed})"),
    "usage.bad-kind": ("没有讲评类型“{value}”（可选：{allowed}）", "no review kind '{value}' (choose {allowed})"),
    "usage.bad-lang": (
        "不支持的语言 {value}（可选：zh、en）",
        "unsupported language {value} (choose zh or en)",
    ),
    "find.category": ("找不到类别“{value}”", "no category matches '{value}'"),
    "hint.find.category": ("现有类别：{candidates}", "categories: {candidates}"),
    "find.category-ambiguous": (
        "“{value}”同时匹配多个类别：{candidates}",
        "'{value}' matches several categories: {candidates}",
    ),
    "find.person": ("没有人员“{value}”", "no person matches '{value}'"),
    "hint.find.person": (
        "人员写编号（P0007）或姓名，繁简体均可；用 jiebang show 查看项目的人员",
        "name a person by id (P0007) or name, in either script",
    ),
    "find.project-unreadable": (
        "找不到项目“{value}”；另有 {count} 个项目文件无法读取：{files}",
        "no project matches '{value}'; {count:~project file} could not be read: {files}",
    ),
    "hint.find.project-unreadable": (
        "运行 jiebang validate 查看这些文件的问题",
        "run jiebang validate to see what is wrong with them",
    ),
    "find.programme": ("没有项目集“{value}”（现有：{choices}）", "no programme '{value}' (have: {choices})"),
    "find.person-ambiguous": (
        "人员编号 {value} 在多个项目集里各指一人，请用 --programme 指定：{choices}",
        "person id {value} names someone in each of several programmes; choose with --programme: {choices}",
    ),
    "find.project-not-yet": (
        "项目 {value} 在 {as_of} 还没有上榜（状态记录从更晚开始）",
        "project {value} was not on the list yet on {as_of} (its status history starts later)",
    ),
    "find.project": ("找不到项目“{value}”", "no project matches '{value}'"),
    "hint.find.project": (
        "相近的项目：{candidates}；用 jiebang list 查看全部",
        "similar: {candidates}; see jiebang list",
    ),
    "find.project-ambiguous": (
        "“{value}”对应多个项目：{candidates}",
        "'{value}' matches several projects: {candidates}",
    ),
    "hint.find.project-ambiguous": ("写项目编号，或 项目集/编号", "give the number, or programme/number"),
    # --- writing
    "edit.bundled": (
        "不能修改内置示例登记册。先运行 jiebang init 建立自己的登记册（可加 --from-sample 复制示例）",
        "the bundled sample is read-only; run jiebang init (add --from-sample to copy it) first",
    ),
    "edit.uncommitted": ("这些文件有尚未提交的手工修改：{files}", "these files have uncommitted hand edits: {files}"),
    "hint.edit.uncommitted": (
        "先 git commit 或 git stash 这些修改，或加 --include-edits 一并提交",
        "commit or stash them first, or pass --include-edits to commit them together",
    ),
    "edit.refused": (
        "这项修改会使登记册出现 {count} 个问题（见上），未写入任何文件",
        "this change would add {count:~problem} to the register (above); nothing was written",
    ),
    "edit.number-used-before": (
        "项目文件 {file} 曾在提交 {commit}（{date}）中存在：项目编号不得重用",
        "project file {file} existed in commit {commit} ({date}): numbers are never reused",
    ),
    "hint.edit.number-used-before": ("不写 --number，使用下一个编号", "leave out --number to take the next one"),
    "edit.programme-unreadable": (
        "项目集 {value} 的 programme.yaml 无法读取，先修正它",
        "programme {value}'s programme.yaml cannot be read; fix it first",
    ),
    "hint.edit.programme-unreadable": ("运行 jiebang validate 查看问题", "run jiebang validate to see the problem"),
    "edit.already-selected": (
        "申请 {value} 的状态是 {status}，不能再次选定",
        "application {value} is {status}; it cannot be selected again",
    ),
    "edit.empty-review": (
        "讲评至少要有 --rating、--comments 或 --action 之一",
        "a review needs --rating, --comments or --action",
    ),
    "edit.action-fields": (
        "--action-owner 和 --action-due 要与 --action 一起使用",
        "--action-owner and --action-due go with --action",
    ),
    "edit.future-date": (
        "{value} 晚于今天：已发生的事不能记在将来的日期",
        "{value} is after today: what happened cannot be recorded in the future",
    ),
    "edit.person-exists": (
        "people.yaml 里已有同名的人（繁简、全半角归一后）：{existing}",
        "people.yaml already has someone of this name (either script or width): {existing}",
    ),
    "hint.edit.person-exists": (
        "若是同一人，直接用 {id}；若确是另一位同名的人，加 --same-name-ok（再用 --unit 或 --post 区分）",
        "if this is the same person, use {id}; if it truly is a namesake, add --same-name-ok "
        "(and tell them apart with --unit or --post)",
    ),
    "edit.title-exists": ("已有同名项目：{existing}", "a project with this title exists: {existing}"),
    "edit.leader-taken": ("{project} 的团队负责人已是 {current}", "{project} already has team leader {current}"),
    "hint.edit.leader-taken": ("要更换负责人，加 --replace", "to replace the leader, add --replace"),
    "edit.which-programme": (
        "登记册里有多个项目集，请用 --programme 指定：{choices}",
        "the register has several programmes; choose one with --programme: {choices}",
    ),
    "edit.no-programme": ("没有项目集“{value}”（现有：{choices}）", "no programme '{value}' (have: {choices})"),
    "edit.no-person": ("people.yaml 里没有“{value}”", "no person '{value}' in people.yaml"),
    "hint.edit.no-person": ("先用 jiebang add person --name … 登记此人", "add them first: jiebang add person --name …"),
    "edit.person-ambiguous": (
        "“{value}”对应多人：{candidates}；请写人员编号",
        "'{value}' matches several people: {candidates}; use the id",
    ),
    "edit.no-team": (
        "项目 {project} 没有团队 {value}（现有：{choices}）",
        "project {project} has no team {value} (have: {choices})",
    ),
    "edit.no-milestone": (
        "项目 {project} 没有里程碑 {value}（现有：{choices}）",
        "project {project} has no milestone {value} (have: {choices})",
    ),
    "edit.no-application": (
        "项目 {project} 没有申请 {value}（现有：{choices}）",
        "project {project} has no application {value} (have: {choices})",
    ),
    "edit.already": ("{person} 已经是 {project} 的{role}", "{person} is already {role} of {project}"),
    "edit.not-assigned": ("{person} 不是 {project} 的{role}", "{person} is not {role} of {project}"),
    "edit.bad-move": (
        "状态不能从 {source} 变为 {target}（允许：{allowed}）",
        "cannot move from {source} to {target} (allowed: {allowed})",
    ),
    "edit.reason-required": ("变为 {target} 必须用 --reason 写明原因", "moving to {target} needs --reason"),
    "edit.due-reason": (
        "里程碑 {milestone} 的期限已作为基线，调整须用 --reason 写明原因",
        "milestone {milestone} is baselined: changing its due date needs --reason",
    ),
    "edit.not-open": (
        "项目 {project} 当前状态为 {status}，不能揭榜",
        "project {project} is {status}: it cannot be claimed",
    ),
    "edit.number-taken": (
        "项目编号 {number} 已被使用（编号不得重用）",
        "project number {number} is taken (numbers are never reused)",
    ),
    "edit.nothing-to-do": (
        "没有要改的内容：请给出 --done、--percent、--due、--title 或 --cancel",
        "nothing to change: give --done, --percent, --due, --title or --cancel",
    ),
    "edit.bad-programme-id": (
        "项目集 id “{value}”只能用小写字母、数字和连字符，如 ronggui-2022",
        "programme id '{value}' must be lowercase letters, digits and hyphens, e.g. ronggui-2022",
    ),
    "edit.programme-exists": ("项目集 {value} 已存在", "programme {value} already exists"),
    "edit.needs-category": ("至少要有一个类别（--category）", "at least one category is needed (--category)"),
    "edit.bad-category-spec": (
        "类别写成“简称”或“键:简称:全称”，不是“{value}”",
        "write a category as 'short' or 'key:short:name', not '{value}'",
    ),
    "edit.role-required": (
        "请给出 --leader、--mentor、--member 或 --lead-official 之一",
        "give one of --leader, --mentor, --member or --lead-official",
    ),
    "edit.missing-option": (
        "缺少 {option}（在终端里运行时会提示输入）",
        "missing {option} (asked for interactively in a terminal)",
    ),
    "edit.done": ("已提交 {commit}：{subject}", "committed {commit}: {subject}"),
    "edit.staged": ("已写入并暂存（未提交）：{subject}", "written and staged, not committed: {subject}"),
    "edit.no-git": (
        "已写入，但登记册不在 git 仓库中，没有留下审计记录：{subject}",
        "written, but the register is not in a git repository, so nothing was recorded: {subject}",
    ),
    "edit.unchanged": ("没有变化：{subject}", "nothing changed: {subject}"),
    "init.exists": ("{path} 已经有登记册", "{path} already holds a register"),
    "init.done": (
        "已在 {path} 建立登记册；试试：cd {path} && jiebang list",
        "register created in {path}; try: cd {path} && jiebang list",
    ),
    "store.unparseable": (
        "{path}:{line}:{col} 无法解析，未作修改：{detail}",
        "{path}:{line}:{col} cannot be parsed, nothing changed: {detail}",
    ),
    "store.not-utf8": ("{path} 不是 UTF-8 编码，未作修改", "{path} is not UTF-8; nothing changed"),
    "store.read-failed": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "store.write-failed": (
        "无法写入 {path}：{detail}（原文件未改动）",
        "cannot write {path}: {detail} (the file is unchanged)",
    ),
    "store.lock-failed": ("无法加锁 {path}：{detail}", "cannot lock {path}: {detail}"),
    "store.locked": (
        "另一个 jiebang 正在修改登记册，等了 {seconds} 秒仍未完成（锁：{path}）",
        "another jiebang is changing the register; gave up after {seconds} s (lock: {path})",
    ),
    "hint.store.locked": (
        "稍后再试；若确认没有其他 jiebang 在运行，删除该锁文件",
        "try again later; if no jiebang is running, remove the lock file",
    ),
    "store.no-field": ("{path} 里没有 {field}", "{path} has no {field}"),
    "store.not-a-container": ("{path} 的 {field} 不是列表或映射", "{field} in {path} is not a list or mapping"),
    "store.not-a-list": ("{path} 的 {field} 应是列表", "{field} in {path} should be a list"),
    "store.not-a-mapping": ("{path} 的 {field} 应是映射", "{field} in {path} should be a mapping"),
    "hint.store.unparseable": ("先运行 jiebang validate 修正这个文件", "fix the file first: run jiebang validate"),
    "git.failed": ("git 命令失败（{code}）：{command}\n{stderr}", "git failed ({code}): {command}\n{stderr}"),
    "git.missing": ("找不到 git 程序，请先安装 git", "the git executable was not found; install git"),
    "git.no-identity": ("git 不知道你是谁（{which}）：{detail}", "git does not know who you are ({which}): {detail}"),
    "hint.git.no-identity": ("运行：{fix}", "run: {fix}"),
    "git.bad-revision": ("git 中没有 {rev}", "no such revision in git: {rev}"),
    "git.not-a-repo": (
        "{path} 不在 git 仓库中，没有历史可查",
        "{path} is not in a git repository: there is no history",
    ),
    "hint.git.not-a-repo": (
        "用 jiebang init 建立登记册，或在其目录运行 git init 并提交",
        "use jiebang init, or git init and commit",
    ),
    "git.no-register-then": (
        "在 {rev} 时，{path} 还不存在（登记册后来才建立或移到这里）",
        "at {rev} there was no register at {path} (it was created or moved here later)",
    ),
    "git.nothing-before": ("{date} 之前没有任何提交", "there is no commit on or before {date}"),
    "internal": (
        "内部错误（这是 jiebang 的缺陷，请报告）：{detail}",
        "internal error (a bug in jiebang, please report it): {detail}",
    ),
    "interrupted": ("已中断", "interrupted"),
    # --- notices and labels
    "notice.bundled": (
        "正在显示内置示例登记册（容桂街道 2022）。用自己的登记册：在本目录建 registry/，或用 --registry 指定",
        "showing the bundled sample register (容桂 2022); for your own, create registry/ or pass --registry",
    ),
    "notice.unreadable": (
        "有 {count} 个文件无法读取，未计入：{files}。运行 jiebang validate 查看原因",
        "{count:~file} could not be read, left out: {files}. Run jiebang validate",
    ),
    "notice.columns-hidden": (
        "终端太窄，未显示：{columns}（加宽终端，或用 --format md 查看全部列）",
        "terminal too narrow; not shown: {columns} (widen it, or use --format md for every column)",
    ),
    "validate.ok": (
        "登记册有效：{files} 个文件，{projects} 个项目",
        "register is valid: {files:~file}, {projects:~project}",
    ),
    "validate.ok-warnings": (
        "登记册有效：{files} 个文件，{projects} 个项目；{warnings} 个警告（见上）",
        "register is valid: {files:~file}, {projects:~project}; {warnings:~warning} above",
    ),
    "validate.summary": (
        "{errors} 个错误，{warnings} 个警告（{files} 个文件）",
        "{errors:~error}, {warnings:~warning} in {files:~file}",
    ),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "label.hint": ("提示", "hint"),
    # --- set: changing recorded facts with a reason (set project/programme/person, milestone rename/cancel)
    "edit.nothing-given": (
        "没有要改的内容：请至少给出一个字段选项（jiebang set {what} --help 列出全部）",
        "nothing to change: give at least one field option (jiebang set {what} --help lists them)",
    ),
    "edit.revision-reason": (
        "调整{fields}必须用 --reason 写明原因（完成期限、层级、类别的调整会连同原值记入 revisions）",
        "changing {fields} needs --reason (due date, tier and category changes are kept in revisions, "
        "with the original)",
    ),
    "hint.edit.revision-reason": (
        "例：jiebang set project {project} {options} --reason 选址变更",
        "e.g. jiebang set project {project} {options} --reason 'site changed'",
    ),
    "edit.due-only-extended": (
        "--due 只能与 extended（延期）一起用，不能用于 {target}",
        "--due goes only with extended, not with {target}",
    ),
    "hint.edit.due-only-extended": (
        "只改完成期限：jiebang set project 项目 --due 日期 --reason 原因",
        "to change the due date alone: jiebang set project PROJECT --due DATE --reason WHY",
    ),
    "edit.person-retired": (
        "{person} 已于 {on} 停用，不能安排新的任务或记录",
        "{person} was retired on {on} and takes no new roles or records",
    ),
    "hint.edit.person-retired": (
        "改派其他人员；停用记录在 people.yaml 的 retired_on",
        "choose someone else; the retirement is recorded as retired_on in people.yaml",
    ),
    "edit.retire-reason": (
        "停用 {person} 必须用 --reason 写明原因（如调离、退休）",
        "retiring {person} needs --reason (e.g. moved post, retired)",
    ),
    "edit.already-retired": ("{person} 已于 {on} 停用", "{person} was already retired on {on}"),
    "edit.retire-needs-on": (
        "--on 和 --reason 只和 --retire 一起用",
        "--on and --reason go with --retire only",
    ),
    "edit.cancel-reason": (
        "取消里程碑 {milestone} 必须用 --reason 写明原因",
        "cancelling milestone {milestone} needs --reason",
    ),
    "edit.already-cancelled": ("里程碑 {milestone} 已于 {on} 取消", "milestone {milestone} was cancelled on {on}"),
    "edit.cancel-done": (
        "里程碑 {milestone} 已于 {on} 完成，不能取消",
        "milestone {milestone} was done on {on} and cannot be cancelled",
    ),
    "edit.milestone-one-kind": (
        "--title、--cancel 不能与 --done、--percent、--due 同时使用，请分两次执行",
        "--title and --cancel cannot be combined with --done, --percent or --due; run them one at a time",
    ),
    "history.unrecorded-revision": (
        "提交 {commit}（{author}，{date}）把{field}从 {before} 改成 {after}，没有记入调整记录（revisions）",
        "commit {commit} ({author}, {date}) changed {field} from {before} to {after} without a revisions entry",
    ),
    "hint.history.unrecorded-revision": (
        "用 jiebang set project … --reason 原因 调整，原值和原因会一并记录；若确属误改，用 git revert {commit}",
        "change it with jiebang set project … --reason WHY, which keeps the original and the reason; "
        "if it was a mistake, git revert {commit}",
    ),
    "history.revisions-rewritten": (
        "提交 {commit}（{author}，{date}）改写或删除了已有的调整记录（revisions 只能追加）",
        "commit {commit} ({author}, {date}) rewrote or removed earlier revisions entries (append-only)",
    ),
    "notice.extended-no-due": (
        "完成期限未变；新期限确定后：jiebang set project {project} --due 日期 --reason 原因（原定期限会保留）",
        "the due date is unchanged; once the new one is set: jiebang set project {project} --due DATE --reason WHY "
        "(the original is kept)",
    ),
    "hint.history.revisions-rewritten": (
        "调整记录只能追加；恢复原记录（git revert {commit}）",
        "revisions are append-only: restore them (git revert {commit})",
    ),
    # --- teams, applications, review actions, dated readings
    "edit.count-mismatch": (
        "{option} 给了 {given} 个，但有 {count} 项：请按顺序每项给一个，或只给一个（用于全部）",
        "{option} is given {given:~time} for {count:~item}: give one per item in order, or one for all",
    ),
    "edit.project-closed": (
        "{project} 已是“{status}”，不再记录进展。如确需继续，先重启：jiebang move {project} active --reason …",
        "{project} is {status}; no more progress is recorded. To carry on, reopen it first: "
        "jiebang move {project} active --reason …",
    ),
    "edit.status-needs-leader": (
        "状态“{status}”需要团队：请用 --leader 指定团队负责人（组织点将）",
        "status {status} needs a team: name its leader with --leader",
    ),
    "edit.unit-without-member": (
        "--unit 是成员所在单位，要和 --member 一起用",
        "--unit is a member's unit; use it with --member",
    ),
    "edit.leader-too": (
        "{person} 是团队 {team} 的负责人，不能同时担任该团队的{role}",
        "{person} leads team {team} and cannot also be its {role}",
    ),
    "edit.leader-dates": (
        "团队负责人不单独记加入或离开日期（git 记录了何时更换）；"
        "换负责人请用 jiebang assign … --leader 新负责人 --replace",
        "a team leader has no joining or leaving date of its own (git records the change); "
        "to change leader use jiebang assign … --leader NEW --replace",
    ),
    "edit.not-waiting": (
        "申请 {value} 已是“{status}”，只有已提交或评审中的申请可以撤回",
        "application {value} is {status}; only a submitted or reviewing application can be withdrawn",
    ),
    "edit.no-action": (
        "{project} 没有整改事项“{value}”（未完成的有：{choices}；编号见 jiebang report）",
        "{project} has no action '{value}' (open ones: {choices}; ids are in jiebang report)",
    ),
    "edit.action-closed": ("整改事项 {value} 已于 {on} 完成", "action {value} was already done on {on}"),
    "edit.action-before-review": (
        "整改事项 {value} 是 {raised} 的讲评提出的，完成日期 {on} 不能早于讲评",
        "action {value} was raised by the review of {raised}; it cannot be done on {on}, before that",
    ),
    "edit.action-what": (
        "请用 --done 标记这项整改已完成",
        "use --done to mark the action done",
    ),
    "edit.team-needs-leader": (
        "--mentor、--member 组建的是团队，请同时用 --leader 指定团队负责人",
        "--mentor and --member set up a team; name its leader with --leader too",
    ),
    "edit.withdraw-or-by": (
        "揭榜用 --by 写申请人；撤回申请用 --withdraw 申请编号，二者不能同时用",
        "use --by to record an application, or --withdraw ID to withdraw one, not both",
    ),
    # --- write path and audit trail (h3)
    "hint.history.reverted": (
        "这是撤销提交 {reverted} 的提交，撤掉了已经记下的内容（记录只能追加）：在新提交里把这些记录恢复原样；"
        "要更正，追加一条新记录",
        "this commit reverts {reverted} and so took back what was already recorded (records are append-only): "
        "put those entries back as they were in a new commit; to correct one, add a new entry",
    ),
    "edit.refused-with-edits": (
        "要一并提交的文件里有 {count} 个错误（见上），未写入任何文件；先改正手工修改，再加 --include-edits 重试",
        "the files this would commit have {count:~error} (above); nothing was written: fix the hand edits, then "
        "retry with --include-edits",
    ),
    "init.wiring-skipped": (
        "登记册建在已有的 git 仓库 {repo} 里，并提交到这个仓库。没有写 {files}："
        "git 和 GitHub 只读仓库根目录的这些文件；需要时把它们放到 {repo}，并把其中的 registry 改成 {registry}",
        "the register is inside the existing git repository {repo} and was committed there. {files} were not "
        "written: git and GitHub read them only at the repository's top; put them in {repo} if you want them, "
        "with registry changed to {registry}",
    ),
    "edit.staged-pending": (
        "{files} 里是之前一条命令用 --no-commit 写入并暂存、尚未提交的修改（不是手工修改）",
        "{files} hold a change an earlier jiebang command wrote and staged with --no-commit, not yet committed "
        "(not a hand edit)",
    ),
    "hint.edit.staged-pending": (
        '先用 jiebang 的提交说明提交它：git commit -F "{message}"；不要它了就用 git restore --staged --worktree 撤掉',
        'commit it first with jiebang\'s message: git commit -F "{message}"; or drop it with '
        "git restore --staged --worktree",
    ),
    # --- read outputs (h4)
    "usage.repeated-option": (
        "选项 {name} 写了不止一次（{values}），它只取一个值",
        "option {name} was given more than once ({values}); it takes one value",
    ),
    "hint.count.declared-incomplete": (
        "录入未完成时这只是提醒；项目全部录入后，在 programme.yaml 的 declared 下写 complete: true，"
        "之后数量不符即为错误",
        "a reminder while projects are still being entered; once all are in, set declared.complete: true in "
        "programme.yaml and a mismatch becomes an error",
    ),
    "notice.invalid": (
        "登记册有 {count} 个错误，以下结果可能不准确。运行 jiebang validate 查看",
        "the register has {count:~error}, so these results may be wrong. Run jiebang validate to see them",
    ),
    # --- hints that help a person fix what they typed
    "find.project-none": ("找不到项目“{value}”", "no project matches '{value}'"),
    "ref.category-by-label": (
        "category 要写类别序号或键，不能写名称 {value}",
        "category takes the category's number or key, not its name {value}",
    ),
    "hint.find.project-none": (
        "没有相近的项目；用 jiebang list 查看全部，或 jiebang list 关键词 查找",
        "nothing similar; see every project with jiebang list, or search with jiebang list WORDS",
    ),
    # --- dates as people type them
    "usage.no-such-day": (
        "日期“{value}”不存在：{month}月没有{day}日",
        "'{value}' is not a date: month {month} has no day {day}",
    ),
    "usage.no-such-month": ("日期“{value}”不存在：没有{month}月", "'{value}' is not a date: there is no month {month}"),
    "usage.bad-period": (
        "日期“{value}”无效，应写成 YYYY-MM-DD、YYYY-MM（只到月）或 YYYY，可加 ~（推定）或 ?（存疑）",
        "invalid date '{value}': write YYYY-MM-DD, YYYY-MM (a month) or YYYY, optionally followed by ~ (inferred)"
        " or ? (uncertain)",
    ),
    "hint.usage.bad-date": ("也可写 2026/12/1 或 2026年12月1日", "2026/12/1 works too"),
    "hint.date-no-such-day": ("{month}月没有{day}日", "month {month} has no day {day}"),
    "hint.date-no-such-month": ("没有{month}月", "there is no month {month}"),
    # --- history and changes: business-date windows, readable history lines
    "usage.bad-window": (
        "日期范围“{value}”无效，应写成 起..止，如 2026-11-01..2026-11-30（可省略一端）",
        "invalid date range '{value}': write FROM..TO, e.g. 2026-11-01..2026-11-30 (either end may be left out)",
    ),
    "usage.window-backwards": ("日期范围“{value}”的起点晚于终点", "date range '{value}' ends before it starts"),
    "usage.since-or-between": (
        "请用 --since（按提交时间）或 --between（按记录日期）之一",
        "give one of --since (commit time) or --between (record dates)",
    ),
    "changes.none-since": ("无变化：自 {since} 以来没有新的记录", "no changes: nothing new since {since}"),
    "changes.none-between": ("无变化：{start} 至 {end} 没有记录", "no changes: no records dated {start} to {end}"),
    "changes.open-start": ("最早", "the start"),
    "changes.open-end": ("今后", "any later date"),
    "changelog.created": ("新建项目（{count} 个字段）", "project created ({count:~field})"),
    "changelog.added": ("新增{record} {detail}", "added {record}: {detail}"),
    "changelog.changed": ("修改{record}：{detail}", "changed {record}: {detail}"),
    "changelog.removed": ("删除{record} {detail}", "removed {record}: {detail}"),
    "changelog.project": ("项目", "project"),
    "changelog.review": ("讲评", "review"),
    # --- schemas without holes: line breaks in ids, 5.0, .nan, blank text, dates in the future (issue 8)
    "schema.blank": (
        "“{field}”没有可见的字符（只有空格、换行或零宽字符：{value}）",
        "'{field}' has no visible character (only spaces, line breaks or zero-width characters: {value})",
    ),
    "hint.schema.blank": ("写上内容，或删掉这个字段", "write something, or delete the field"),
    "hint.schema.line-break": (
        "删掉值末尾的换行：写在同一行，不要用 | 或 > 块",
        "remove the line break at the end: keep the value on one line, not in a | or > block",
    ),
    "hint.schema.integer-float": (
        "写成整数 {integer}，不要写 {value}",
        "write the whole number {integer}, not {value}",
    ),
    "value.not-finite": ("“{field}”的值 {value} 不是一个数", "'{field}': {value} is not a number"),
    "hint.value.not-finite": ("写一个具体的数字，或删掉这个字段", "write an actual number, or delete the field"),
    "date.future": (
        "“{field}”的日期 {value} 晚于今天：已经发生的事不能记在将来",
        "'{field}': {value} is after today: what happened cannot be dated in the future",
    ),
    "hint.date.future": (
        "改成实际发生的日期；还没发生的事写在 due_on 等计划日期里",
        "write the day it happened; what is still to come belongs in due_on and other planned dates",
    ),
    # --- interrupted writes, honest failures, jiebang doctor (r1)
    "write.rolled-back": (
        "修改没有完成，已全部撤回：登记册的文件与命令之前一致，没有提交任何内容",
        "the change was not made and was taken back: the register's files are as they were before the command, "
        "nothing was committed",
    ),
    "write.left-changed": (
        "修改没有完成，也没能全部撤回：{files} 里是这次的新内容，尚未提交；其余文件与命令之前一致",
        "the change was not made and could not all be taken back: {files} now hold the new content, not "
        "committed; every other file is as it was before the command",
    ),
    "hint.write.left-changed": (
        "腾出磁盘空间或恢复写权限后，运行 jiebang doctor 查看，再运行 jiebang doctor --fix 把它们恢复原样",
        "free disk space or restore write access, run jiebang doctor to see what is left, then jiebang doctor "
        "--fix to put it back",
    ),
    "git.locked": (
        "git 的锁文件 {path} 已存在：另一个 git 命令正在运行，或有 git 被中断后留下了它；"
        "它在时无法提交，未写入任何文件",
        "git's lock file {path} exists: another git command is running, or one was interrupted and left it; "
        "nothing can be committed while it is there, and nothing was written",
    ),
    "hint.git.locked": (
        "等正在运行的 git（包括编辑器的 git 插件）结束后重试；确认没有 git 在运行时，删除 {path} 再重试",
        "wait for a running git (an editor's git plugin too) to finish and retry; if no git is running, delete "
        "{path} and retry",
    ),
    "journal.hand-edited": (
        "上一次被中断的修改（{subject}）之后，{files} 又被改过：无法判断该保留哪一份，未作任何改动",
        "after an interrupted change ({subject}), {files} was edited again: jiebang cannot tell which to keep, "
        "so it changed nothing",
    ),
    "hint.journal.hand-edited": (
        "看一下这些文件，留下想要的内容；然后运行 jiebang doctor --forget 放下那次中断的修改，再照常提交或重做",
        "look at the files and keep what you want; then run jiebang doctor --forget to drop the interrupted "
        "change, and commit or redo it as usual",
    ),
    "journal.unreadable": (
        "被中断修改的记录 {path} 无法读取：{detail}",
        "the record of an interrupted change, {path}, cannot be read: {detail}",
    ),
    "hint.journal.unreadable": (
        "运行 jiebang doctor --forget 删除它（登记册文件不受影响），再用 git status 检查文件",
        "run jiebang doctor --forget to remove it (register files are not touched), then check them with git status",
    ),
    "journal.cannot-roll-back": (
        "无法撤回被中断的修改（{subject}）：{files} 仍是新内容",
        "cannot take back the interrupted change ({subject}): {files} still hold the new content",
    ),
    "hint.journal.cannot-roll-back": (
        "腾出磁盘空间或恢复写权限后，再运行 jiebang doctor --fix",
        "free disk space or restore write access, then run jiebang doctor --fix again",
    ),
    "journal.finished": (
        "先完成了上一次被中断的修改：已提交 {commit}：{subject}",
        "first finished an interrupted change: committed {commit}: {subject}",
    ),
    "journal.finished-staged": (
        "先完成了上一次被中断的修改：已写入并暂存（未提交）：{subject}",
        "first finished an interrupted change: written and staged, not committed: {subject}",
    ),
    "journal.rolled-back": (
        "先撤回了上一次被中断、没有完成的修改：{subject}",
        "first took back an interrupted change that was not finished: {subject}",
    ),
    "journal.dropped": (
        "上一次被中断的修改其实已经提交：{subject}",
        "an interrupted change had in fact been committed: {subject}",
    ),
    "doctor.clean": (
        "没有需要处理的：没有中断的修改、残留的临时文件或 git 锁文件",
        "nothing to fix: no interrupted change, leftover temporary file or git lock",
    ),
    "doctor.interrupted": (
        "有一次被中断的修改：{subject}（进程 {pid}，主机 {host}）",
        "an interrupted change: {subject} (process {pid} on {host})",
    ),
    "doctor.file-new": ("  {path}：已是这次的新内容", "  {path}: holds the new content"),
    "doctor.file-old": ("  {path}：仍是原来的内容", "  {path}: holds the old content"),
    "doctor.file-edited": (
        "  {path}：之后又被改过（既不是原来的，也不是这次的内容）",
        "  {path}: edited since (neither the old nor the new content)",
    ),
    "doctor.plan-finish": ("  处理：用它自己的提交说明提交它", "  fix: commit it with its own message"),
    "doctor.plan-roll-back": (
        "  处理：撤回它，文件恢复原来的内容",
        "  fix: take it back, the files get their old content",
    ),
    "doctor.plan-drop": ("  处理：它已提交，只删除记录", "  fix: it was committed; only its record is removed"),
    "doctor.plan-ask": (
        "  需要你来决定：看一下这些文件，留下想要的内容，再运行 jiebang doctor --forget",
        "  you decide: look at the files, keep what you want, then run jiebang doctor --forget",
    ),
    "doctor.temp-file": ("残留的临时文件（将删除）：{path}", "leftover temporary file (to be removed): {path}"),
    "doctor.stale-lock": (
        "被中断的 git 留下的锁文件（那个 git 已不在运行，将删除）：{path}",
        "lock file left by an interrupted git (that git is no longer running; to be removed): {path}",
    ),
    "doctor.held-lock": (
        "git 锁文件：{path}（可能有 git 正在运行，不会自动删除；确认没有 git 在运行时手工删除）",
        "git lock file: {path} (a git may be running, so it is never removed automatically; delete it by hand "
        "if none is)",
    ),
    "doctor.run-fix": ("运行 jiebang doctor --fix 处理以上各项", "run jiebang doctor --fix to deal with the above"),
    "doctor.fixed": ("已处理以上各项", "dealt with the above"),
    "doctor.forgot": (
        "已放下被中断修改的记录；文件保持现状",
        "the record of the interrupted change was dropped; the files are left as they are",
    ),
    # --- the register stays inside its folder (symbolic links, paths that leave it)
    "file.symlink": (
        "这是符号链接（指向 {target}），没有读取：登记册文件必须是登记册目录里的真实文件",
        "this is a symbolic link (to {target}) and was not read: register files must be real files inside the "
        "register folder",
    ),
    "hint.file.symlink": (
        "git 只记下链接本身，不记下它指向的内容：删掉链接，把它指向的文件或目录（{target}）复制到原处，再提交",
        "git records the link, not what it points to: delete the link, copy the file or folder it points to "
        "({target}) in its place, then commit",
    ),
    "file.outside": (
        "路径指向登记册目录之外（{target}），没有读取",
        "the path leads outside the register folder ({target}) and was not read",
    ),
    "hint.file.outside": (
        "登记册文件只能放在登记册目录里面：把文件移进来",
        "register files must be inside the register folder: move the file in",
    ),
    "edit.symlink": (
        "不能写入 {path}：{link} 是符号链接（指向 {target}），写入会落到登记册之外，git 也记不下这次修改；"
        "未写入任何文件",
        "cannot write {path}: {link} is a symbolic link (to {target}), so the change would land outside the "
        "register and git would not record it; nothing was written",
    ),
    "hint.edit.symlink": (
        "删掉链接 {link}，把它指向的文件或目录（{target}）复制到原处，提交后再重试",
        "delete the link {link}, copy the file or folder it points to ({target}) in its place, commit, then retry",
    ),
    "edit.outside": (
        "不能写入 {path}：它在登记册目录 {root} 之外；未写入任何文件",
        "cannot write {path}: it is outside the register folder {root}; nothing was written",
    ),
    "edit.unreadable": (
        "不能写入 {path}：这个文件现在读不出来，写入会用新内容把它整个替换掉；未写入任何文件",
        "cannot write {path}: the file is there but cannot be read, and writing would replace all it holds; "
        "nothing was written",
    ),
    "hint.edit.unreadable": (
        "运行 jiebang validate 查看这个文件的问题，改好并提交后再重试",
        "run jiebang validate to see what is wrong with the file, fix and commit it, then retry",
    ),
    # --- audit trail and change log (f2)
    "edit.no-person-near": ("people.yaml 里没有“{value}”", "no person '{value}' in people.yaml"),
    "changelog.joined": ("{person}（{on} 加入）", "{person} (joined {on})"),
    "changelog.left": ("{person} 离开（{detail}）", "{person} left ({detail})"),
    "edit.due-is-baseline": (
        "里程碑 {milestone} 的基线期限已经是 {due}，没有可调整的",
        "milestone {milestone}'s baselined due date is already {due}: there is nothing to revise",
    ),
    "hint.edit.due-is-baseline": (
        "若基线是手工改成 {due} 的（jiebang history {project} 可查到那次提交），先撤销那次修改"
        "（git revert <提交>）找回原基线，再运行 jiebang milestone {project} {milestone} --due {due} --reason 原因",
        "if a hand edit moved the baseline to {due} (jiebang history {project} shows the commit), undo it first "
        "(git revert <commit>) to get the original back, then run jiebang milestone {project} {milestone} "
        "--due {due} --reason WHY",
    ),
    "brief.joined": ("{team}{role} {person} 加入", "{team}{role} {person} joined"),
    "brief.left": ("{team}{role} {person} 离开{reason}", "{team}{role} {person} left{reason}"),
    "brief.applied": ("{id} {person} 揭榜（{method}）", "{id} {person} applied ({method})"),
    "brief.application-closed": ("{id} {person} 的申请{status}{reason}", "{id} {person} {status}{reason}"),
    "hint.edit.no-person-near": (
        "是不是 {suggestion}？若是新人，先用 jiebang add person --name … 登记",
        "did you mean {suggestion}? If it is someone new, add them first: jiebang add person --name …",
    ),
    # --- the restricted store (issue 9, foundation)
    "restricted.not-configured": ("没有指定受限库", "no restricted store is configured"),
    "hint.restricted.not-configured": (
        "用 --restricted 路径 或环境变量 JIEBANG_RESTRICTED 指明受限库（jiebang init --restricted 路径 可新建）",
        "name it with --restricted PATH or the JIEBANG_RESTRICTED environment variable "
        "(jiebang init --restricted PATH creates one)",
    ),
    "restricted.missing": ("找不到受限库 {path}", "restricted store {path} does not exist"),
    "restricted.inside-register": (
        "受限库 {path} 与共享登记册 {register} 重叠：受限记录会随登记册提交给所有人",
        "restricted store {path} overlaps the shared register {register}: its records would be committed "
        "for everyone to see",
    ),
    "hint.restricted.inside-register": (
        "把受限库移到登记册目录之外，并单独建 git 仓库",
        "move the restricted store outside the register's folder, in a git repository of its own",
    ),
    # --- assessments, meetings, rankings (issue 9)
    "assess.needs-store": (
        "{subject} 是{type}：人员和单位的考核只存于受限库，而没有指定受限库",
        "{subject} is a {type}: assessments of people and units live only in the restricted store, and none is given",
    ),
    "hint.assess.needs-store": (
        "用 --restricted 路径 或环境变量 JIEBANG_RESTRICTED 指明受限库",
        "name it with --restricted PATH or the JIEBANG_RESTRICTED environment variable",
    ),
    "assess.no-subject": ("找不到{kind}“{value}”", "no {kind} matches '{value}'"),
    "hint.assess.no-subject": (
        "项目写编号或 项目集/编号，团队写 项目集/编号/T1，人员写编号或姓名，单位写编号或名称",
        "a project by number or programme/number, a team as programme/number/T1, a person by id or name, "
        "a unit by id or name",
    ),
    "assess.no-team": ("项目 {project} 没有团队 {value}", "project {project} has no team {value}"),
    "assess.subject-ambiguous": ("“{value}”对应多个：{candidates}", "'{value}' matches several: {candidates}"),
    "assess.subject-types": (
        "“{value}”可以是不同类型的对象：{candidates}",
        "'{value}' could be subjects of different types: {candidates}",
    ),
    "hint.assess.subject-types": ("用 --subject-type 说明是哪一种", "say which with --subject-type"),
    "usage.bad-assessment-kind": (
        "没有考核类型“{value}”（可选：{allowed}）",
        "no assessment kind '{value}' (choose {allowed})",
    ),
    "usage.bad-level": ("没有等次“{value}”（可选：{allowed}）", "no level '{value}' (choose {allowed})"),
    "usage.bad-outcome": ("没有考核结果“{value}”（可选：{allowed}）", "no outcome '{value}' (choose {allowed})"),
    "usage.bad-subject-type": (
        "没有对象类型“{value}”（可选：{allowed}）",
        "no subject type '{value}' (choose {allowed})",
    ),
    "usage.bad-meeting-kind": (
        "没有会议类型“{value}”（可选：{allowed}）",
        "no meeting kind '{value}' (choose {allowed})",
    ),
    "usage.bad-rank-by": ("不能按“{value}”排名（可选：{allowed}）", "cannot rank by '{value}' (choose {allowed})"),
    "restricted.same-repository": (
        "受限库 {path} 与登记册在同一个 git 仓库 {repo} 里：受限记录会随登记册提交",
        "restricted store {path} is in the register's git repository {repo}: its records would be committed with it",
    ),
    "hint.restricted.same-repository": (
        "受限库要有自己的 git 仓库（在受限库目录里 git init），且不在登记册所在仓库之内",
        "give the store a git repository of its own (git init in its folder), outside the register's repository",
    ),
    "meeting.exists": ("会议 {value} 已存在", "meeting {value} already exists"),
    "hint.meeting.exists": ("用 --id 另起一个编号", "give it another id with --id"),
    "meeting.not-found": ("没有会议 {value}（现有：{choices}）", "no meeting {value} (there are: {choices})"),
    "rank.needs-restricted": (
        "给{of}排名要用受限库中的考核：加 --include-restricted 并指明受限库",
        "ranking {of} needs the restricted store's assessments: add --include-restricted and name the store",
    ),
    "rank.period-or-meeting": ("--period 与 --meeting 只能给一个", "give --period or --meeting, not both"),
    "rank.by-needs-project": (
        "按 {by} 排名只适用于项目（--of project）",
        "ranking by {by} applies to projects only (--of project)",
    ),
    "rank.empty": ("这一期没有可排名的结果（{cycle}）", "nothing to rank in this cycle ({cycle})"),
    "unique.assessment-id": (
        "考核编号 {value} 重复（首次出现在 {first}）",
        "assessment id {value} is used twice (first in {first})",
    ),
    "ref.subject": ("考核或会议对象 {value}（{type}）不存在", "subject {value} ({type}) does not exist"),
    "ref.meeting": (
        "会议 {value} 不存在（meetings/ 下没有此文件）",
        "meeting {value} does not exist (no such file under meetings/)",
    ),
    "ref.cohort": (
        "批次 {value} 不存在（cohorts/ 下没有此文件）",
        "cohort {value} does not exist (no such file under cohorts/)",
    ),
    "ref.programme": ("项目集 {value} 不存在", "programme {value} does not exist"),
    "ref.meeting-file-name": (
        "会议编号 {value} 与文件名 {name} 不一致",
        "meeting id {value} differs from its file name {name}",
    ),
    # --- cohorts, postings and the person portfolio (issue 9)
    "cohort.file-name": (
        "批次编号 {value} 与文件名不一致（应为 {expected}）",
        "cohort id {value} does not match its file name (expected {expected})",
    ),
    "cohort.date-order": (
        "{field} 的日期 {value} 早于开始日期 {start}",
        "{field} {value} is before the start, {start}",
    ),
    "cohort.posting-outside": (
        "{field} 的日期 {value} 不在批次的起止日期（{start} 至 {end}）之内",
        "{field} {value} is outside the cohort's dates ({start} to {end})",
    ),
    "cohort.posted-twice": (
        "{person} 在本批次里同时有两次派驻（与第 {other} 条重叠）",
        "{person} is posted twice at once in this cohort (overlaps posting {other})",
    ),
    "hint.cohort.posted-twice": (
        "先结束前一次派驻（jiebang end-posting），或改正其中一条的日期",
        "end the earlier posting first (jiebang end-posting), or correct the dates of one of them",
    ),
    "hint.cohort.declared-size": (
        "补录缺少的派驻（jiebang post），或更正 declared.size",
        "record the missing postings (jiebang post), or correct declared.size",
    ),
    "find.cohort": ("没有批次“{value}”", "no cohort matches '{value}'"),
    "hint.find.cohort": ("现有批次：{choices}", "cohorts: {choices}"),
    "find.person-several": ("“{value}”对应多人：{candidates}", "'{value}' names several people: {candidates}"),
    "hint.find.person-several": ("改写人员编号（如 P0007）", "name the person by id (e.g. P0007)"),
    "edit.bad-cohort-id": (
        "批次编号 {value} 只能用小写字母、数字和连字符，如 longgang-2017-1",
        "cohort id {value} may use lower-case letters, digits and hyphens only, e.g. longgang-2017-1",
    ),
    "edit.cohort-exists": ("批次 {value} 已经存在", "cohort {value} already exists"),
    "edit.host-unit-required": (
        "批次 {cohort} 不止一个接收单位（或没有登记），请用 --host-unit 指明派驻单位（已登记：{units}）",
        "cohort {cohort} has more than one host unit, or none recorded: name it with --host-unit (recorded: {units})",
    ),
    "edit.already-posted": (
        "{person} 已在批次 {cohort} 里派驻，尚未结束",
        "{person} is already posted in cohort {cohort} and the posting has not ended",
    ),
    "hint.edit.already-posted": (
        "先结束这次派驻：jiebang end-posting … --cohort {cohort} --status completed --on 日期",
        "end that posting first: jiebang end-posting … --cohort {cohort} --status completed --on DATE",
    ),
    "edit.posting-ended": (
        "{person} 在批次 {cohort} 的派驻已经结束（{status}，{on}），不能再结束一次",
        "{person}'s posting in cohort {cohort} has already ended ({status}, {on}); it cannot end twice",
    ),
    "edit.not-posted": ("{person} 没有派驻在批次 {cohort} 里", "{person} has no posting in cohort {cohort}"),
    "edit.exit-reason-required": (
        "以“{status}”结束派驻须写明原因（--reason）",
        "ending a posting as {status} needs a reason (--reason)",
    ),
    "usage.bad-posting-status": (
        "派驻结束状态“{value}”无效（可用：{allowed}）",
        "'{value}' is not a way a posting ends (allowed: {allowed})",
    ),
    "usage.bad-cohort-kind": (
        "批次类型“{value}”无效（可用：{allowed}）",
        "'{value}' is not a cohort kind (allowed: {allowed})",
    ),
    # --- restricted records stay out of the shared register; redaction (issue 9)
    "hint.restricted.missing": (
        "检查路径是否正确；新建受限库用 jiebang init --restricted {path}",
        "check the path; to create a restricted store: jiebang init --restricted {path}",
    ),
    "restricted.not-ignored": (
        "受限库 {path} 在共享仓库 {repo} 的工作区内，且未被 git 忽略：一次 git add 就会把受限记录提交给所有人",
        "restricted store {path} lies inside the shared repository {repo} and git does not ignore it: one git add "
        "would commit its records for everyone to see",
    ),
    "hint.restricted.not-ignored": (
        "把受限库移到共享仓库之外，或把它的路径写进共享仓库的 .gitignore（jiebang init --restricted 会这样做）",
        "move the store out of the shared repository, or add its path to that repository's .gitignore "
        "(jiebang init --restricted does this)",
    ),
    "restricted.exists": (
        "{path} 已存在且不是空目录，不能在此新建受限库",
        "{path} exists and is not an empty folder: no restricted store can be created there",
    ),
    "init.restricted-alone": (
        "--restricted 只新建受限库，不能与登记册的参数（目录、--from-sample、--id 等）同用",
        "--restricted creates only a restricted store; it cannot be combined with the register's arguments "
        "(folder, --from-sample, --id…)",
    ),
    "init.restricted-done": (
        "已在 {path} 建立受限库（单独的 git 仓库）；读取时加 --restricted {path} --include-restricted",
        "restricted store created in {path} (a git repository of its own); read it with --restricted {path} "
        "--include-restricted",
    ),
    "init.restricted-ignored": (
        "受限库位于仓库 {repo} 内：已把它写进该仓库的 .gitignore 并提交",
        "the store lies inside repository {repo}: its path was added to that repository's .gitignore and committed",
    ),
    "restricted.in-shared": (
        "人员和单位的考核属于受限记录，不得放在共享登记册（对象 {subject}）",
        "assessments of people and units are restricted records and may not be kept in the shared register "
        "(subject {subject})",
    ),
    "hint.restricted.in-shared": (
        "把这条考核移到受限库的 assessments/ 下（jiebang init --restricted 路径 可新建受限库）；"
        "已提交的内容还留在 git 历史里，需专班清理",
        "move this assessment to the restricted store's assessments/ (jiebang init --restricted PATH creates one); "
        "what was committed stays in git history until the office removes it",
    ),
    "restricted.field-in-shared": (
        "{field} 属于受限记录（考核结果、容错免责、问责），不得放在共享登记册",
        "{field} is restricted (assessment results, exemptions, accountability) and may not be kept in the shared "
        "register",
    ),
    "hint.restricted.field-in-shared": (
        "把它移到受限库（exemptions: 或 accountability: 或 assessments:）；已提交的内容还留在 git 历史里，需专班清理",
        "move it to the restricted store (exemptions:, accountability: or assessments:); what was committed stays in "
        "git history until the office removes it",
    ),
    "restricted.duplicate-id": ("编号 {value} 重复（先见于 {first}）", "id {value} is used twice (first in {first})"),
    "hint.restricted.duplicate-id": ("给这条记录另起一个编号", "give this record an id of its own"),
    "restricted.unknown-ref": (
        "受限记录引用的{what} {value} 不在共享登记册里",
        "the {what} {value} this restricted record names is not in the shared register",
    ),
    "hint.restricted.unknown-ref": (
        "改成共享登记册里已有的编号（人员 P0001、单位 U001、项目 ronggui-2022/24），或先在共享登记册里登记",
        "use an id the shared register has (person P0001, unit U001, project ronggui-2022/24), or register it there "
        "first",
    ),
    "report.redact-restricted": (
        "--redact 的报告要发出专班之外，不能同时 --include-restricted",
        "a --redact report leaves the office, so it cannot --include-restricted",
    ),
    "hint.report.redact-restricted": (
        "去掉 --include-restricted；受限记录只在专班内部查看",
        "drop --include-restricted; restricted records are read inside the office only",
    ),
    # --- who may change what, and data that must never be stored (issue 9)
    "authz.refused": (
        "提交 {commit}（{author} <{email}>，{date}）：{role}不能{action}；可以的角色：{allowed}",
        "commit {commit} ({author} <{email}>, {date}): {role} may not {action}; who may: {allowed}",
    ),
    "hint.authz.refused": (
        "请有权限的人来改，或由专班审定后提交；要撤回：git revert {commit}",
        "have someone who may make this change do it, or the office approve it; to take it back: git revert {commit}",
    ),
    "authz.unknown-author": (
        "提交 {commit}（{author} <{email}>，{date}）的作者不在 roles.yaml 中：不知道他可以改什么",
        "commit {commit} ({author} <{email}>, {date}): the author is not in roles.yaml, so nothing they may change "
        "is known",
    ),
    "hint.authz.unknown-author": (
        "请专班在 roles.yaml 登记这个 git 身份（emails，可加 name）、人员编号和角色",
        "ask the office to add this git identity (emails, optionally name) to roles.yaml with a person id and roles",
    ),
    "usage.authorize-needs-since": (
        "--authorize 逐个检查提交，需要同时给出 --since 修订号",
        "--authorize checks commits one by one: give --since REV too",
    ),
    "codeowners.no-roles": (
        "登记册 {path} 没有 roles.yaml：不知道谁的 git 身份对应哪些文件",
        "register {path} has no roles.yaml: there are no git identities to name as owners",
    ),
    "codeowners.written": ("已写入 {path}", "written to {path}"),
    "codeowners.no-identity": (
        "项目 {project} 的负责人或导师 {person} 在 roles.yaml 里没有 git 身份：该项目文件只归专班",
        "{person}, a leader or mentor of project {project}, has no git identity in roles.yaml: the office alone "
        "owns that project's file",
    ),
    "hint.codeowners.no-roles": (
        "先建 roles.yaml（见 README“谁可以改什么”）",
        "create roles.yaml first (see the README's 'Who may change what')",
    ),
    "pii.email": (
        "疑似电子邮箱 {value}：联系方式不得写入共享登记册（roles.yaml 中的 git 身份除外）",
        "looks like an e-mail address ({value}): contact details must not enter the shared register "
        "(git identities in roles.yaml excepted)",
    ),
    "hint.pii.email": (
        "删掉邮箱；如果已经提交过，还要从 git 历史中清除",
        "delete it; if it was ever committed, purge it from git history too",
    ),
    "pii.health": (
        "疑似健康信息“{value}”：不记录（个人信息保护法第二十八条）",
        "looks like health information ('{value}'): not to be stored (PIPL art. 28)",
    ),
    "pii.age": (
        "疑似年龄或年龄段“{value}”：不记录年龄",
        "looks like an age or age cohort ('{value}'): ages are not stored",
    ),
    "pii.birth-date": (
        "疑似出生日期“{value}”：不记录出生日期",
        "looks like a birth date ('{value}'): birth dates are not stored",
    ),
    "pii.education": (
        "疑似学历信息“{value}”：不记录学历（不唯学历）",
        "looks like education ('{value}'): education is not stored",
    ),
    "hint.pii.health": (
        "改写成与项目有关的事实，删去个人情况",
        "keep the facts about the project and leave out the person's circumstances",
    ),
    "hint.pii.age": (
        "删去年龄；要说明的是实绩，不是年龄",
        "leave the age out: the record is about results, not age",
    ),
    "hint.pii.birth-date": ("删去出生日期", "leave the birth date out"),
    "hint.pii.education": ("删去学历", "leave the education out"),
    # --- people and units across the register (issue 9)
    "person.id-collision": (
        "人员编号 {value}（{name}）在 {shared} 里是另一个人（{other}）：一个编号只能是一个人",
        "person id {value} ({name}) is someone else ({other}) in {shared}: one id, one person",
    ),
    "hint.person.id-collision": (
        "运行 jiebang migrate --dry-run 查看重新编号方案，再运行 jiebang migrate",
        "run jiebang migrate --dry-run to see the renumbering, then jiebang migrate",
    ),
    "unique.unit-id": ("单位编号 {value} 重复", "unit id {value} is used twice"),
    "ref.unit": ("单位编号 {value} 不在 units.yaml 里", "unit id {value} is not in units.yaml"),
    "ref.unit-name": ("单位“{value}”在 units.yaml 里找不到", "unit '{value}' is not in units.yaml"),
    "hint.ref.unit-name": (
        "改写成 units.yaml 里的单位编号或名称，或用 jiebang add unit 登记它（也可在 aliases 里加别名）",
        "write a unit id or name from units.yaml, or add it with jiebang add unit (or as an alias)",
    ),
    "unit.parent-cycle": (
        "单位 {value} 的上级单位 {parent} 又归它管辖（循环）",
        "unit {value} has parent {parent}, which is itself under {value} (a cycle)",
    ),
    "edit.unit-exists": ("units.yaml 里已有 {value}（{existing}）", "units.yaml already has {value} ({existing})"),
    "edit.no-unit": ("units.yaml 里没有单位“{value}”", "no unit '{value}' in units.yaml"),
    "hint.edit.no-unit": (
        "相近的有：{suggestion}；先用 jiebang add unit 登记上级单位",
        "closest: {suggestion}; add the parent first with jiebang add unit",
    ),
    "usage.bad-unit-kind": ("没有单位类型“{value}”（可选：{allowed}）", "no unit kind '{value}' ({allowed})"),
    "migrate.nothing": (
        "无需迁移：登记册已使用统一的人员名册（people.yaml）",
        "nothing to migrate: the register already keeps one people.yaml",
    ),
    "migrate.dry-run": ("预演，未写入任何文件", "dry run: nothing was written"),
    "migrate.merged": (
        "合并：{programme} 的 {old} {name} → {new}（同名视为同一人，请核对）",
        "merged: {programme} {old} {name} → {new} (same name taken as the same person: please check)",
    ),
    "migrate.renumbered": (
        "重新编号：{programme} 的 {old} {name} → {new}（原编号已被他人使用）",
        "renumbered: {programme} {old} {name} → {new} (the id was someone else's)",
    ),
    "migrate.rewritten": ("改写引用：{record} {count} 处", "references rewritten: {record} ({count})"),
    "migrate.removed": ("移除：{path}（人员移入 {target}）", "removed: {path} (people moved to {target})"),
    # --- assessments, rankings and cohorts after the office trial (issue 9)
    "rank.no-rule-several": (
        "未标淘汰区和表扬：登记册有多个项目集（{programmes}），本次排名未指定项目集；请加 --programme，"
        "或按所属项目集的会议（--meeting）、批次（--cohort）排名",
        "no elimination or commendation bands: the register has several programmes ({programmes}) and this ranking "
        "names none; add --programme, or rank by a meeting (--meeting) or cohort (--cohort) that has one",
    ),
    "rank.no-rule-stated": (
        "未标淘汰区和表扬：项目集 {programme} 的 programme.yaml 没有排名规则（ranking）",
        "no elimination or commendation bands: programme {programme} states no ranking rule in programme.yaml",
    ),
    "rank.bands-overlap": (
        "名单太短，淘汰区与表扬名单重叠：{count} 个对象两者都占，按规则只列入淘汰区（末位不表扬）",
        "the list is too short for both bands: {count} fell in both and are in the elimination band only "
        "(the bottom is never commended)",
    ),
    "cohort.posting-overdue": (
        "{person} 的派驻计划在 {planned} 结束，但仍记为在岗",
        "{person}'s posting was planned to end on {planned} but is still recorded as active",
    ),
    "hint.cohort.posting-overdue": (
        "用 jiebang end-posting 记下实际如何结束（期满、中途退出或淘汰）；结束前不计入完成率",
        "record how it ended with jiebang end-posting (completed, withdrawn or eliminated); until then it is not in "
        "the completion rate",
    ),
    "cohort.completed-early": (
        "{person} 的派驻记为期满，但结束于 {on}，比计划的 {planned} 早一周以上",
        "{person}'s posting is recorded as completed on {on}, more than a week before its planned end, {planned}",
    ),
    "hint.cohort.completed-early": (
        "未满期的写中途退出（--status 中途退出 --reason 原因）；若派驻期确实缩短，先把这次派驻的 to 改为新的结束日",
        "a term cut short is withdrawn (--status withdrawn --reason WHY); if the term itself was shortened, first "
        "set the posting's `to` to its new end",
    ),
    "edit.completed-early": (
        "{person} 的派驻计划到 {planned}，{on} 结束不算期满（最多可提前一周记期满）",
        "{person}'s posting runs to {planned}: ending it on {on} is not a completed term (at most a week early)",
    ),
    "hint.edit.completed-early": (
        "未满期的写中途退出（--status 中途退出 --reason 原因）；若派驻期确实缩短，先把这次派驻的 to 改为新的结束日",
        "a term cut short is withdrawn (--status withdrawn --reason WHY); if the term itself was shortened, first "
        "set the posting's `to` to its new end",
    ),
    "cohorts.overdue-short": ("{overdue} 人逾期未结束", "{overdue} overdue to close"),
    "cohorts.overdue-note": (
        "另有 {overdue} 人已过计划结束日仍记为在岗，未计入完成率；用 jiebang end-posting 记下如何结束后完成率才准确",
        "{overdue} more are past their planned end but still recorded as active and are not in the completion rate; "
        "record how they ended with jiebang end-posting before quoting it",
    ),
    "rank.unscored": (
        "{cycle} 有 {count} 个对象只评了等次、没有得分，未参加排名：{subjects}",
        "{count} assessed in {cycle} by a level only, with no score, are left out of the ranking: {subjects}",
    ),
    # --- office trial, people side: what a write warns about (issue 9)
    "edit.never-store-committed": (
        "上面的内容已随提交 {commit} 写入（只警告，不阻止）：改掉后趁还没推送用 git commit --amend 并入这次提交，"
        "就不会留在 git 历史里",
        "the above went into commit {commit} (a warning, not refused): change it and, before pushing, "
        "git commit --amend so it does not stay in git history",
    ),
    "edit.never-store-uncommitted": (
        "上面的内容已写入文件但未提交（只警告，不阻止）：提交前改掉",
        "the above was written but not committed (a warning, not refused): change it before committing",
    ),
    # --- key-project selection (issue 10, example registers)
    "project.selection-not-key": (
        "项目记有重点项目评选（selection），层级却是 {tier}，不是重点（key）",
        "the project records a key-project selection but its tier is {tier}, not key",
    ),
    "hint.project.selection-not-key": (
        "评为重点的项目写 tier: key；是否重点来源未说明时写 tier: unknown 并删去 selection",
        "a project selected as key has tier: key; when the source does not say, write tier: unknown and drop selection",
    ),
    # --- imprecise dates and the 蓬江 example (issue 10)
    "hint.date-year-quoted": (
        "只写年份时加引号，如 '2023'：不加引号 YAML 读成数字",
        "quote a year on its own, e.g. '2023': unquoted, YAML reads it as a number",
    ),
    "cohorts.months": ("为期{months}个月", "{months:~month}"),
    "hint.usage.bad-period": ("也可写 2026/12/1、2026年12月 或 2023-05~", "2026/12/1, 2026-12 or 2023-05~ work too"),
    # --- strands, programme teams and pinyin glosses (issue 10)
    "text.pinyin-gloss": (
        "文字里有粘贴来的拼音注音“{value}”（本项共 {count} 处）",
        "the text holds a pasted pinyin gloss '{value}' ({count} in this value)",
    ),
    "hint.text.pinyin-gloss": (
        "删去汉字后括号里的拼音；用 jiebang 命令写入的文字会自动去掉，查找时 发展 与 發(fā)展 视为相同",
        "delete the pinyin in brackets after the characters; text written with jiebang commands loses it by "
        "itself, and searches treat 发展 and 發(fā)展 alike",
    ),
    "programme.parent-cycle": (
        "项目集 {value} 的上级项目集 {parent} 又在它之下（循环）",
        "programme {value} has parent {parent}, which is itself below {value} (a cycle)",
    ),
    "unique.programme-team-id": (
        "团队编号 {value} 在本项目集中重复（首次出现在 {first}）",
        "team id {value} is used twice in this programme (first in {first})",
    ),
    "ref.team-project": (
        "团队 {team} 挂接的项目 {value} 不在本项目集里",
        "team {team} is attached to project {value}, which this programme does not hold",
    ),
    "team.attached-twice": (
        "团队 {team} 重复挂接项目 {value}",
        "team {team} is attached to project {value} twice",
    ),
    "hint.team.attached-twice": (
        "一个团队对一个项目只挂接一次，角色为牵头（lead）或协同（support）",
        "a team attaches to a project once, as lead or as support",
    ),
    "edit.no-programme-team": (
        "项目集 {programme} 没有团队 {value}（现有：{choices}）",
        "programme {programme} has no team {value} (it has: {choices})",
    ),
    "hint.edit.no-programme-team": (
        "先用 jiebang add programme-team --name 名称 建立团队",
        "create it first with jiebang add programme-team --name NAME",
    ),
    "edit.team-other-programme": (
        "项目 {project} 不属于项目集 {programme}：团队只能挂接本项目集的项目",
        "project {project} is not in programme {programme}: a team attaches to its own programme's projects",
    ),
    "edit.team-not-attached": (
        "团队 {team} 没有挂接项目 {project}",
        "team {team} is not attached to project {project}",
    ),
    "usage.bad-team-role": ("角色 {value} 不存在（可选：{allowed}）", "no role {value} (choose from: {allowed})"),
    # --- indicators at programme and cohort level, with qualifiers (issue 10)
    "indicator.rate-range": (
        "指标 {indicator} 是比率，{value} 不在 0–100 之间",
        "indicator {indicator} is a rate; {value} is not between 0 and 100",
    ),
    "hint.indicator.rate-range": (
        "比率按百分数写（94.18 即 94.18%）；不是比率就改 aggregation",
        "write a rate as a percentage (94.18 for 94.18%); if it is not a rate, change its aggregation",
    ),
    "edit.no-measure-target": (
        "找不到 {value}：不是项目集编号、批次编号，也不是项目（项目集和批次：{choices}）",
        "{value} is neither a programme id, a cohort id nor a project (programmes and cohorts: {choices})",
    ),
    "edit.no-record-indicator": (
        "{record} 没有指标 {value}（现有：{choices}）",
        "{record} has no indicator {value} (it has: {choices})",
    ),
    "usage.bad-qualifier": (
        "限定 {value} 不认识，可用：{allowed}",
        "unknown qualifier {value}; use one of: {allowed}",
    ),
    "usage.bad-aggregation": (
        "汇总方式 {value} 不认识，可用：{allowed}",
        "unknown aggregation {value}; use one of: {allowed}",
    ),
    "usage.bad-indicator-period": (
        "周期 {value} 写法不对：写年 2018、季度 2018Q1 或月 2018-03",
        "period {value} is not a year (2018), a quarter (2018Q1) or a month (2018-03)",
    ),
    # --- reading the published 榜单 text (issue 11, jiebang.imports.bangdan)
    "import.no-list": (
        "没有找到榜单：没有以“一、”“1、”“（1）”“①”等编号开头的行",
        "no list found: no line starts with a number such as 一、, 1、, (1) or ①",
    ),
    "hint.import.no-list": (
        "粘贴发布的榜单：类别写成“一、类别名”，项目写成“1、项目标题”，每项一行",
        "paste the published list: categories as 一、name, projects as 1、title, one per line",
    ),
    "import.other-list": (
        "这里另有一段编号文字（{count} 行），没有导入；导入的是第 {start}–{end} 行的榜单",
        "another numbered passage here ({count:~line}) was not imported; the list taken is lines {start}–{end}",
    ),
    "hint.import.other-list": (
        "要导入的如果是这一段，就只粘贴这一段",
        "if this is the list you meant, paste only this part",
    ),
    "import.unreadable": (
        "这一行像是榜单的一项，但读不出来：{text}",
        "this line looks like a list item but cannot be read: {text}",
    ),
    "hint.import.unreadable": (
        "标题写成一行短文字（不超过 80 字，不含句号、问号、感叹号），编号写成“一、”“1、”“（1）”“①”",
        "write the title as one short line (at most 80 characters, no 。？！) after a number: 一、, 1、, (1) or ①",
    ),
    "import.level": (
        "编号样式“{marker}”既不是类别（{category}）也不是项目（{project}）的样式",
        "numbering style '{marker}' is neither the categories' ({category}) nor the projects' ({project})",
    ),
    "hint.import.level": (
        "榜单只有两级：类别和项目；把这一行改用项目的编号样式，或并入上一项",
        "a list has two levels, categories and projects: number this line like a project, or join it to the one above",
    ),
    "import.unnumbered": (
        "榜单中间的这一行没有编号，没有导入：{text}",
        "this line inside the list has no number and was not imported: {text}",
    ),
    "hint.import.unnumbered": (
        "是项目就补上编号；是上一行标题的续行就接到上一行；是图片说明等可以不管",
        "if it is a project, number it; if it continues the title above, join the lines; a caption can stay",
    ),
    "import.people-orphan": (
        "人员“{text}”前面没有项目，不知道属于哪一项",
        "people '{text}' come before any project, so they belong to none",
    ),
    "hint.import.people-orphan": (
        "写在对应项目的同一行末尾，或紧接在它下一行",
        "put them at the end of their project's line, or on the line right after it",
    ),
    "import.people-unmatched": (
        "引语署名中的项目“{title}”在榜单里找不到（或不止一个），人员没有导入",
        "the project '{title}' under a quote is not in the list (or matches several); its person was not imported",
    ),
    "hint.import.people-unmatched": (
        "导入后用 jiebang assign 指派这个人",
        "assign the person after the import with jiebang assign",
    ),
    "import.people-on-heading": (
        "类别标题旁写的人员没有导入：{names}",
        "the people named beside a category heading were not imported: {names}",
    ),
    "hint.import.people-on-heading": (
        "类别不记人员；他们若负责某个项目，导入后用 jiebang assign 指派",
        "categories hold no people; if they lead a project, assign them after the import with jiebang assign",
    ),
    "import.no-category": (
        "第 {number} 项出现在任何类别标题之前",
        "item {number} comes before any category heading",
    ),
    "hint.import.no-category": (
        "在它前面加一行类别标题，例如“一、建设现代产业体系”",
        "add a category heading above it, such as 一、建设现代产业体系",
    ),
    "import.empty-title": ("第 {number} 项没有标题", "item {number} has no title"),
    "hint.import.empty-title": (
        "在编号后面写上项目标题，或删去这一行",
        "write the project's title after the number, or delete the line",
    ),
    "import.empty-heading": ("类别 {number} 没有名称", "category {number} has no name"),
    "hint.import.empty-heading": (
        "在编号后面写上类别名称；它下面的项目要等类别有了名称才导入",
        "write the category's name after the number; the projects under it are imported once it has one",
    ),
    "import.number-gap": (
        "编号不连续：应为 {expected}，这里是 {number}",
        "numbering skips: expected {expected}, found {number}",
    ),
    "hint.import.number-gap": (
        "核对原文：是漏粘了一行，还是原文本来就跳号？原文跳号可以不管，编号按原文保留",
        "check the source: is a line missing, or does the published list skip? A skip in the source can stay; "
        "numbers are kept as printed",
    ),
    "import.number-repeated": (
        "编号 {number} 重复（第 {first} 行已用过）",
        "number {number} is repeated (already used on line {first})",
    ),
    "hint.import.number-repeated": (
        "改正其中一个编号；每类从 1 重新编号时，同一类里也不能重复",
        "correct one of the numbers; when each category restarts at 1, numbers still cannot repeat within a category",
    ),
    # --- the 调度讲评 brief for a period and Word documents (issue 11, part 3)
    "briefing.backwards": (
        "结束日期 {end} 早于开始日期 {start}",
        "the end date {end} is before the start date {start}",
    ),
    "briefing.period-and-range": (
        "--period 不能与 --from、--to 同用",
        "--period cannot be combined with --from or --to",
    ),
    "briefing.docx-needs-output": (
        "Word 文档要写入文件：加 -o 文件名.docx",
        "a Word document goes to a file: add -o NAME.docx",
    ),
    "briefing.output-table": (
        "表格只显示在屏幕上：写入文件请加 --format docx、md、json、yaml 或 csv",
        "the table is for the screen: to write a file add --format docx, md, json, yaml or csv",
    ),
    "briefing.exists": (
        "{path} 已存在，没有覆盖；要覆盖请加 --force",
        "{path} exists and was left as it is; add --force to replace it",
    ),
    "briefing.written": ("已写入 {path}", "Written: {path}"),
    "briefing.bad-period": (
        "周期“{value}”写法不对：写月 2022-05、季度 2022-Q2、半年 2022-H1 或年 2022",
        "period '{value}' is not a month (2022-05), a quarter (2022-Q2), a half (2022-H1) or a year (2022)",
    ),
    "briefing.is-folder": ("{path} 是文件夹：-o 要写文件名", "{path} is a folder: give -o a file name"),
    "briefing.title": ("调度讲评简报（{start}至{end}）", "Review meeting brief, {start} to {end}"),
    "briefing.subtitle": ("{programmes} · 评估日期 {as_of}", "{programmes} · as of {as_of}"),
    "briefing.overview": ("总体情况", "Overview"),
    "briefing.changes": ("本期变化", "What changed"),
    "briefing.red-amber": ("红黄项目及原因", "Red and amber projects, and why"),
    "briefing.overdue": ("逾期里程碑", "Overdue milestones"),
    "briefing.actions": ("未完成的整改事项", "Open review actions"),
    "briefing.needs": ("需协调事项", "Needs for coordination"),
    "briefing.none": ("无", "None"),
    "briefing.projects": ("项目 {count} 个：{detail}", "{count:~project}: {detail}"),
    "briefing.rag": ("红黄绿：{detail}", "RAG: {detail}"),
    "briefing.unrated": ("未评", "unrated"),
    "briefing.milestones": (
        "里程碑：本期到期 {due} 个，本期完成 {done} 个，逾期 {overdue} 个",
        "Milestones: {due} due in the period, {done} done in it, {overdue} overdue",
    ),
    "briefing.progress": (
        "平均进度：期初 {start}，期末 {end}，变化 {change}",
        "Average progress: {start} at the start, {end} at the end, change {change}",
    ),
    "briefing.points": ("{value:+g} 个百分点", "{value:+g} points"),
    "briefing.col-project": ("项目", "Project"),
    "briefing.col-kind": ("类型", "Kind"),
    "briefing.col-detail": ("内容", "Detail"),
    "briefing.col-rag": ("红黄绿及原因", "RAG and why"),
    "briefing.col-progress": ("进度", "Progress"),
    "briefing.col-leaders": ("负责人", "Leaders"),
    "briefing.col-milestone": ("里程碑", "Milestone"),
    "briefing.col-due": ("期限", "Due"),
    "briefing.col-late": ("逾期天数", "Days overdue"),
    "briefing.col-action": ("整改事项", "Action"),
    "briefing.col-owner": ("责任人", "Owner"),
    "briefing.col-review": ("讲评日期", "Review"),
    "briefing.col-date": ("日期", "Date"),
    "briefing.col-author": ("提出人", "Raised by"),
    "briefing.col-need": ("事项", "Need"),
    # --- render html: the offline site for leaders (issue 11)
    "render.not-a-folder": ("{path} 是一个文件，不是文件夹", "{path} is a file, not a folder"),
    "render.not-empty": (
        "{path} 里已有别的文件，不是 jiebang 生成的网站；换一个空文件夹，"
        "或加 --force 写入（原有文件保留，同名的被覆盖）",
        "{path} holds other files and is not a site jiebang rendered; choose an empty folder, or add --force to "
        "write into it (its files are kept, those of the same name overwritten)",
    ),
    "render.written": ("已生成 {count} 个网页：{path}", "{count:~page} written to {path}"),
    "render.open": ("用浏览器打开 {path} 即可，无需联网", "open {path} in a browser; no network needed"),
    "render.progress": ("正在生成网页", "Rendering pages"),
    "html.overview": ("总览", "Overview"),
    "html.as-of": ("截至 {day}", "As of {day}"),
    "html.categories": ("各类别进展", "Progress by category"),
    "html.projects": ("项目一览", "Projects"),
    "html.programme-card": ("项目集概况：{name}", "About the programme: {name}"),
    "html.timeline": ("里程碑时间轴", "Milestones on a timeline"),
    "html.charts": ("指标图", "Indicator charts"),
    "html.people": ("人员", "People"),
    "html.brief": ("调度讲评简报", "Brief for the review meeting"),
    "html.footer": (
        "由 jiebang 根据登记册生成，截至 {day}。离线可读，不需联网。",
        "Rendered by jiebang from the register, as of {day}. Reads offline; no network needed.",
    ),
    "html.col.programme": ("项目集", "Programme"),
    "html.col.projects": ("项目数", "Projects"),
    "html.col.unrated": ("未评", "Unrated"),
    "html.col.average": ("平均进度", "Average progress"),
    "html.col.overdue": ("逾期里程碑", "Overdue milestones"),
    "html.col.number": ("编号", "No."),
    "html.col.title": ("项目", "Project"),
    "html.col.category": ("类别", "Category"),
    "html.col.status": ("状态", "Status"),
    "html.col.rag": ("红黄绿", "RAG"),
    "html.col.progress": ("进度", "Progress"),
    "html.col.leaders": ("负责人", "Leader"),
    # --- import and export of tables (issue 11, helper A)
    "sheet.missing": ("找不到文件 {path}", "no such file: {path}"),
    "sheet.unknown-format": (
        "{path}：不认识 {suffix} 文件，可导入 .csv 或 .xlsx",
        "{path}: cannot import a {suffix} file; use .csv or .xlsx",
    ),
    "sheet.encoding": (
        "{path} 既不是 UTF-8 也不是 GBK/GB18030 编码，请在 Excel/WPS 中另存为“CSV UTF-8”",
        "{path} is neither UTF-8 nor GBK/GB18030; save it as “CSV UTF-8” from Excel or WPS",
    ),
    "sheet.cannot-read": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "sheet.no-header": ("{path} 没有第 {row} 行表头", "{path} has no header row {row}"),
    "sheet.no-sheet": (
        "{path} 中没有名为 {sheet} 的表，有：{choices}",
        "{path} has no sheet {sheet}; it has: {choices}",
    ),
    "sheet.ambiguous-kind": (
        "看不出表 {sheet} 是哪种表（{kinds} 都可能）",
        "cannot tell what sheet {sheet} holds ({kinds} fit equally)",
    ),
    "hint.sheet.ambiguous-kind": (
        "用 --kind 指定，或在映射文件中写 kind:",
        "name it with --kind, or with kind: in a mapping file",
    ),
    "sheet.unknown-kind": (
        "表 {sheet} 的表头一个也不认识，无法判断是哪种表（{kinds}）",
        "none of the headers of {sheet} is known, so its kind ({kinds}) cannot be told",
    ),
    "hint.sheet.unknown-kind": (
        "用 --kind 指定，并用 --mapping 映射文件说明各列",
        "name it with --kind and map its headers with --mapping",
    ),
    "sheet.unknown-header": ("不认识的表头“{header}”（{kind}）", "unknown header “{header}” ({kind})"),
    "hint.sheet.unknown-header": (
        "是不是“{suggestion}”？也可以用 --mapping 映射文件说明此列",
        "did you mean “{suggestion}”? Or map it with --mapping",
    ),
    "sheet.repeated-header": (
        "表头“{header}”与“{other}”是同一列",
        "header “{header}” names the same column as “{other}”",
    ),
    "sheet.not-a-number": ("“{value}”不是数字", "“{value}” is not a number"),
    "hint.sheet.unknown-header-none": (
        "删去此列，或用 --mapping 映射文件说明它是哪个字段",
        "remove the column, or say which field it is with --mapping",
    ),
    "hint.sheet.bad-date": ("写成 2022-06-30（或 2022/6/30、2022年6月30日）", "write 2022-06-30"),
    "sheet.bad-status": (
        "状态“{value}”不认识，可用：{choices}",
        "unknown status “{value}”; use one of: {choices}",
    ),
    "sheet.bad-tier": ("层级“{value}”不认识，可用：{choices}", "unknown tier “{value}”; use one of: {choices}"),
    "sheet.bad-unit-kind": (
        "单位类型“{value}”不认识，可用：{choices}",
        "unknown unit kind “{value}”; use one of: {choices}",
    ),
    "sheet.bad-milestone-status": (
        "节点状态“{value}”不认识，可用：{choices}",
        "unknown milestone status “{value}”; use one of: {choices}",
    ),
    "sheet.bad-qualifier": (
        "限定“{value}”不认识，可用：{choices}",
        "unknown qualifier “{value}”; use one of: {choices}",
    ),
    "sheet.duplicate": ("“{value}”与 {other} 行重复", "“{value}” repeats row {other}"),
    "hint.sheet.duplicate": (
        "每条记录只写一行：删去或合并重复的行",
        "one row per record: remove or merge the repeats",
    ),
    "sheet.no-title": ("新项目没有项目名称", "a new project has no title"),
    "sheet.missing-cell": ("此行缺少“{column}”", "this row has no “{column}”"),
    "sheet.unit-differs": (
        "单位“{value}”已登记为 {id}，类型或上级与表中不同；导入不改已有单位",
        "unit “{value}” is already {id} with another kind or parent; import does not change units",
    ),
    "sheet.no-project": ("没有编号为 {value} 的项目", "there is no project number {value}"),
    "sheet.refused": (
        "有 {count} 个问题（见上），未写入任何文件",
        "{count:~problem} (above); nothing was written",
    ),
    "sheet.bad-mapping": ("映射文件 {path} 不对：{detail}", "mapping file {path} is not right: {detail}"),
    "hint.sheet.bad-mapping": (
        "写成 columns: {{表头: 字段}}，可加 sheet: 表名、header_row: 行号、kind: projects",
        "write columns: {{header: key}}, optionally sheet:, header_row:, kind:",
    ),
    "sheet.dry-run": (
        "试运行，未写入：新建 {create}、更新 {update}、未变 {unchanged}",
        "dry run, nothing written: {create} to create, {update} to update, {unchanged} unchanged",
    ),
    "sheet.would-refuse": (
        "有 {count} 个问题，正式导入会被拒绝",
        "{count:~problem}: the import would be refused",
    ),
    "sheet.done": (
        "新建 {create}、更新 {update}、未变 {unchanged}",
        "{create} created, {update} updated, {unchanged} unchanged",
    ),
    "sheet.column-where": ("位置", "where"),
    "sheet.column-kind": ("表", "sheet"),
    "sheet.column-key": ("记录", "record"),
    "sheet.column-action": ("操作", "action"),
    "sheet.column-fields": ("更新字段", "fields changed"),
    "export.which-programme": (
        "登记册有多个项目集，请用 --programme 指定：{choices}",
        "the register has several programmes; name one with --programme: {choices}",
    ),
    "export.derived-note": (
        "自动计算，导入时忽略",
        "derived: computed on export, ignored on import",
    ),
    "export.csv-one-kind": (
        "CSV 一次只能写一种表：用 --kind 指定，或用 -o 文件夹/ 每种表写一个文件",
        "a CSV holds one kind of sheet: pick one with --kind, or give -o a folder/ for one file per kind",
    ),
    "export.needs-output": ("{format} 格式要用 -o 指定输出文件", "the {format} format needs -o FILE"),
    "export.written": ("已写入 {path}（{sheets} 张表）", "wrote {path} ({sheets:~sheet})"),
    "export.cannot-write": ("无法写入 {path}：{detail}", "cannot write {path}: {detail}"),
    # --- cache of parsed files and per-file check results (issue 12, helper F)
    "doctor.cache": (
        "缓存：{entries} 项，{size}（{path}；jiebang doctor --clear-cache 可清除，设 JIEBANG_NO_CACHE=1 不用缓存）",
        "cache: {entries:~entry|entries}, {size} ({path}; jiebang doctor --clear-cache clears it, "
        "JIEBANG_NO_CACHE=1 turns it off)",
    ),
    "doctor.cache-cleared": ("已清除缓存：{entries} 项（{path}）", "cache cleared: {entries:~entry|entries} ({path})"),
    # --- reads of one project, writes checked incrementally (issue 12, lead)
    "notice.invalid-read": (
        "读到的文件有 {count} 个错误，以下结果可能不准确。运行 jiebang validate 查看（也会检查整个登记册）",
        "the files read have {count:~error}, so these results may be wrong. Run jiebang validate to see them "
        "(it checks the whole register too)",
    ),
    # --- federation: a city register made of district registers (issue 12, branch fed)
    "federation.one-member": (
        "{path} 是联合登记册（有 federation.yaml），这个命令只对一个成员登记册起作用："
        "项目写成 命名空间/编号（如 ronggui/24），或用 --registry 指向成员登记册的目录",
        "{path} is a federation (it has federation.yaml) and this command works on one member register: name the "
        "project as namespace/number (e.g. ronggui/24), or point --registry at the member's folder",
    ),
    "federation.no-namespace": (
        "联合登记册里要写明成员：“{value}”不是以成员的命名空间开头（成员：{known}）",
        "in a federation, name the member: '{value}' does not start with a member's namespace (members: {known})",
    ),
    "hint.federation.no-namespace": (
        "写成 命名空间/编号，如 {suggestion}",
        "write namespace/number, e.g. {suggestion}",
    ),
    "federation.no-members": (
        "federation.yaml 没有列出成员：members 应为 命名空间: 目录",
        "federation.yaml lists no members: members should map namespace: folder",
    ),
    "federation.bad-namespace": (
        "命名空间“{namespace}”不可用：不能含 / \\ :（全角也不行）、空白或看不见的字符，不以 - 或 . 开头，"
        "不能全是数字，最长 64 字",
        "namespace '{namespace}' cannot be used: no / \\ : (full-width ones neither), white space or invisible "
        "characters, not starting with - or ., not all digits, at most 64 characters",
    ),
    "federation.duplicate-namespace": (
        "命名空间“{namespace}”重复（与“{first}”相同）：每个成员用不同的命名空间",
        "namespace '{namespace}' is declared twice (same as '{first}'): give each member its own",
    ),
    "federation.bad-entry": (
        "成员“{namespace}”的目录应为一段文字（相对本文件所在目录的路径）",
        "member '{namespace}': its folder should be text (a path relative to this file's folder)",
    ),
    "federation.missing-member": (
        "成员“{namespace}”的目录 {path} 不存在（{resolved}）；git 子模块要先 git submodule update --init",
        "member '{namespace}': folder {path} does not exist ({resolved}); a git submodule needs "
        "git submodule update --init first",
    ),
    "federation.not-a-register": (
        "成员“{namespace}”的目录 {path} 不是登记册：里面没有 programmes/ 目录或 federation.yaml",
        "member '{namespace}': folder {path} is not a register: it has no programmes/ folder or federation.yaml",
    ),
    "federation.cycle": (
        "成员“{namespace}”（{path}）又包含了包含它的联合登记册 {includer}：成环",
        "member '{namespace}' ({path}) includes the federation that includes it ({includer}): a cycle",
    ),
    "federation.duplicate-member": (
        "成员“{namespace}”（{path}）与成员“{first}”是同一个登记册：其项目会被计两次",
        "member '{namespace}' ({path}) is the same register as member '{first}': its projects would count twice",
    ),
    "federation.own-programmes": (
        "联合登记册自己不放项目集：把 programmes/ 移到一个成员登记册，在 federation.yaml 里列出",
        "a federation keeps no programmes of its own: move programmes/ into a member register listed in "
        "federation.yaml",
    ),
    "federation.no-restricted": (
        "联合登记册不合并受限库：受限库属于一个成员登记册，用 --registry 指向它",
        "a federation does not merge restricted stores: each belongs to one member register; point --registry at it",
    ),
    "federation.no-known-at": (
        "联合登记册暂不支持 --known-at：各成员在各自的 git 仓库里，用 --registry 指向一个成员",
        "--known-at is not available on a federation yet: members keep their own git history; point --registry "
        "at one member",
    ),
    "notice.federation-invalid": (
        "federation.yaml 有 {count} 个错误，有的成员没有读到。运行 jiebang validate 查看",
        "federation.yaml has {count:~error}, so some members were not read. Run jiebang validate to see them",
    ),
    "notice.member-invalid": (
        "成员 {namespace} 有 {count} 个错误，以下结果可能不准确。运行 jiebang validate 查看",
        "member {namespace} has {count:~error}, so these results may be wrong. Run jiebang validate to see them",
    ),
    "federation.namespace": ("成员", "Member"),
    "validate.member": (
        "成员 {namespace}：{errors} 个错误，{warnings} 个警告",
        "member {namespace}: {errors:~error}, {warnings:~warning}",
    ),
    # --- federation, after a fresh-eyes trial (lead)
    "federation.unusable": (
        "联合登记册 federation.yaml 有 {count} 个错误，一个成员也读不到",
        "federation.yaml has {count:~error} and not one member could be read",
    ),
    "federation.member-unread": (
        "成员“{namespace}”没有读到（目录不存在、不是登记册，或子模块还没检出）",
        "member '{namespace}' could not be read (its folder is missing or not a register, or a submodule is not "
        "checked out)",
    ),
    "hint.federation.member-unread": ("运行 jiebang validate 查看原因", "run jiebang validate to see why"),
    "hint.federation.unusable": ("运行 jiebang validate 查看并修正", "run jiebang validate to see and fix them"),
    "hint.federation.not-a-register": (
        "若是 git 子模块，先在联合登记册的仓库里运行 git submodule update --init；"
        "若是新的区，在该目录运行 jiebang init",
        "if it is a git submodule, run git submodule update --init in the federation's repository first; for a new "
        "district, run jiebang init in that folder",
    ),
    "hint.federation.cycle": (
        "删掉这一条：联合登记册不能（直接或间接）包含自己",
        "remove this entry: a federation cannot include itself, directly or through a member",
    ),
    "hint.federation.duplicate-member": (
        "删掉这一条，只保留“{first}”",
        "remove this entry and keep '{first}'",
    ),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "draft": ("拟定", "draft"),
    "open": ("待揭榜", "open"),
    "claimed": ("已揭榜", "claimed"),
    "assigned": ("已挂帅", "assigned"),
    "active": ("进行中", "active"),
    "review": ("待验收", "in review"),
    "done": ("已完成", "done"),
    "paused": ("暂停", "paused"),
    "extended": ("延期", "extended"),
    "terminated": ("终止", "terminated"),
    "withdrawn": ("撤榜", "withdrawn"),
}

RAG_LABELS: dict[str, tuple[str, str]] = {
    "red": ("红", "red"),
    "amber": ("黄", "amber"),
    "green": ("绿", "green"),
    "not_rated": ("—", "—"),
    "no_milestones": ("无里程碑", "no milestones"),
    "done": ("完成", "done"),
    "terminated": ("终止", "terminated"),
    "paused": ("暂停", "paused"),
}

# The three colours a project can be rated (filters, reviews); the other RAG labels are states.
RAG_COLOURS: dict[str, tuple[str, str]] = {k: RAG_LABELS[k] for k in ("red", "amber", "green")}

RAG_REASONS: dict[str, tuple[str, str]] = {
    "past_due": ("已过完成期限", "past its due date"),
    "milestone_overdue_red": ("里程碑逾期超过红线", "a milestone is overdue past the red line"),
    "sv_red": ("进度落后超过红线", "behind schedule past the red line"),
    "review_red": ("最近一次讲评为红", "latest review rated red"),
    "stale_red": ("长期未报进展", "no progress update for too long"),
    "acceptance_failed": ("最近一次验收不通过", "latest acceptance failed"),
    "milestone_overdue_amber": ("里程碑逾期", "a milestone is overdue"),
    "sv_amber": ("进度落后", "behind schedule"),
    "due_soon": ("临近期限而进度不足", "due soon with too little progress"),
    "stale_amber": ("进展更新不及时", "progress update is late"),
    "review_amber": ("最近一次讲评为黄", "latest review rated amber"),
    "extension": ("已批准延期", "an extension was approved"),
}

PROGRESS_SOURCES: dict[str, tuple[str, str]] = {
    "milestones": ("按里程碑", "from milestones"),
    "indicators": ("按指标", "from indicators"),
    "self_reported": ("自报", "self-reported"),
}

TIER_LABELS: dict[str, tuple[str, str]] = {
    "key": ("重点", "key"),
    "normal": ("一般", "normal"),
    "unknown": ("未知", "unknown"),
}

STATUS_GROUP_LABELS: dict[str, tuple[str, str]] = {
    "open": ("待揭榜", "open"),
    "underway": ("已挂帅/进行中", "assigned/active"),
    "review": ("待验收", "in review"),
    "done": ("已完成", "done"),
    "stopped": ("暂停/终止", "paused/stopped"),
}

# Headings and field names of the per-project report.
REPORT_LABELS: dict[str, tuple[str, str]] = {
    "as_of": ("截至", "as of"),
    "published": ("发布原文", "as published"),
    "scope": ("范围", "scope"),
    "category": ("类别", "category"),
    "tier": ("层级", "tier"),
    "goal": ("目标", "goal"),
    "status": ("状态", "status"),
    "since": ("自", "since"),
    "progress": ("进度", "progress"),
    "expected": ("应达", "expected"),
    "variance": ("偏差", "variance"),
    "points": ("个百分点", "points"),
    "rag": ("红黄绿", "RAG"),
    "override": ("人工设定", "override"),
    "until": ("至", "until"),
    "due": ("完成期限", "due"),
    "days_left": ("还剩 {days} 天", "{days} days left"),
    "days_over": ("已逾期 {days} 天", "{days} days overdue"),
    "people": ("人员", "People"),
    "role": ("角色", "role"),
    "name": ("姓名", "name"),
    "unit": ("单位", "unit"),
    "leader": ("团队负责人", "team leader"),
    "mentors": ("项目导师", "mentor"),
    "lead_officials": ("领衔领导", "lead official"),
    "members": ("成员", "member"),
    "lead_unit": ("牵头单位", "lead unit"),
    "co_units": ("配合单位", "supporting units"),
    "undisclosed": ("未公开", "undisclosed"),
    "task_order": ("任务令", "Task order"),
    "issued": ("颁发", "issued"),
    "indicators": ("指标", "Indicators"),
    "indicator": ("指标", "indicator"),
    "baseline": ("基线", "baseline"),
    "target": ("目标值", "target"),
    "actual": ("实际", "actual"),
    "trend": ("趋势", "trend"),
    "milestones": ("里程碑", "Milestones"),
    "id": ("编号", "id"),
    "title": ("节点", "milestone"),
    "revised": ("调整后", "revised"),
    "done_on": ("完成日期", "done on"),
    "overdue_days": ("逾期天数", "days overdue"),
    "weight": ("权重", "weight"),
    "updates": ("最近进展", "Recent updates"),
    "needs_coordination": ("需协调", "needs coordination"),
    "self_reported": ("自报", "self-reported"),
    "stale": ("已 {days} 天未报进展", "no update for {days} days"),
    "reviews": ("调度讲评", "Reviews"),
    "missing_review": ("本周期缺少调度讲评", "no review in this cadence period"),
    "open_action": ("待办", "open action"),
    "history": ("状态记录", "Status history"),
    "date": ("日期", "date"),
    "from": ("从", "from"),
    "to": ("到", "to"),
    "reason": ("原因", "reason"),
    "sources": ("来源", "Sources"),
    "programme_notes": ("备注", "Notes"),
    "none": ("暂无", "none"),
    "file": ("文件", "file"),
    # --- set: revisions of due date, tier and category
    "originally": ("原定 {day}", "originally {day}"),
    "extended_to": ("延期至 {day}", "extended to {day}"),
    "changed_to": ("调整为 {day}", "changed to {day}"),
    "revisions": ("调整记录", "Revisions"),
    "was": ("原值", "was"),
    "now": ("新值", "now"),
    "by": ("经办人", "by"),
    # --- teams, applications, review actions, dated readings
    "left": ("已离开", "left"),
    "closed_action": ("已完成整改", "done action"),
    "action_overdue": ("逾期 {days} 天", "{days} days overdue"),
    # --- read outputs: column headers, totals, milestone list, programme card (h4)
    "total": ("合计", "Total"),
    "unknown_category": ("未知类别", "unknown category"),
    "no_lead_unit": ("无牵头单位", "no lead unit"),
    "programme": ("项目集", "Programme"),
    "progress_source": ("进度来源", "Progress source"),
    "due_on": ("完成期限", "Due"),
    "days_left_column": ("剩余天数", "Days left"),
    "overdue_milestones": ("逾期里程碑", "Overdue milestones"),
    "field": ("字段", "Field"),
    "value": ("值", "Value"),
    "number": ("编号", "No."),
    "project": ("项目", "Project"),
    "milestone": ("里程碑", "Milestone"),
    "milestone_due": ("节点日期", "Due"),
    "original_due": ("原定日期", "Originally due"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "leaders": ("负责人", "Leaders"),
    "project_status": ("项目状态", "Project status"),
    "milestone_status": ("节点状态", "Milestone status"),
    "organiser": ("发榜单位", "organiser"),
    "leading_body": ("领导机构", "leading body"),
    "kind": ("类型", "kind"),
    "level": ("层级", "level"),
    "region": ("地区", "region"),
    "batch": ("批次", "batch"),
    "prep_started_on": ("筹备启动", "preparation started"),
    "launched_on": ("启动日期", "launched on"),
    "ends_on": ("结束日期", "ends on"),
    "counts": ("数量", "Counts"),
    "item": ("项", "item"),
    "declared": ("公布", "declared"),
    "entered": ("已录入", "entered"),
    "count_categories": ("类别", "categories"),
    "count_projects": ("项目", "projects"),
    "count_key_projects": ("重点项目", "key projects"),
    "count_applications": ("申报", "applications"),
    "count_teams": ("团队", "teams"),
    "list_complete": (
        "已标记为全部录入（declared.complete）：数量不符即为错误",
        "marked complete (declared.complete): a count that differs is an error",
    ),
    "list_incomplete": (
        "尚未标记为全部录入：数量不符只是提醒；全部录入后在 declared 下写 complete: true",
        "not marked complete: a count that differs is a reminder; once all are in, set declared.complete: true",
    ),
    "categories": ("类别", "Categories"),
    "projects_column": ("项目数", "projects"),
    "documents": ("文件", "Documents"),
    # --- f1: numbers and read views a leader can trust
    "project_due": ("项目完成期限", "Project due"),
    "ended_action": ("随项目结束关闭", "closed with the project"),
    "action": ("整改事项", "Action"),
    "action_text": ("内容", "Text"),
    "owner": ("责任人", "Owner"),
    "action_due": ("整改期限", "Due"),
    "review_date": ("讲评日期", "Review date"),
    "action_done_on": ("完成日期", "Done on"),
    "none_found": ("无：没有符合条件的记录", "none: nothing matches"),
    "applications_section": ("揭榜申请", "Applications"),
    "applicant": ("申请人", "Applicant"),
    "app_method": ("方式", "Method"),
    "app_status": ("状态", "Status"),
    "app_submitted": ("提交日期", "Submitted"),
    "app_closed": ("结束日期", "Closed"),
    # --- restricted records (issue 9)
    "restricted": ("受限记录（仅限专班）", "Restricted records (office only)"),
    "restricted_count": (
        "本项目人员有受限记录 {count} 条；专班可加 --include-restricted 查看",
        "{count} restricted records concern this project's people; the office can see them with --include-restricted",
    ),
    "record_type": ("类别", "type"),
    "subject": ("对象", "subject"),
    "detail": ("内容", "detail"),
    "assessments": ("考核", "assessment"),
    "exemptions": ("容错免责", "exemption"),
    "accountability": ("问责", "accountability"),
}

MILESTONE_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "planned": ("计划", "planned"),
    "in_progress": ("进行中", "in progress"),
    "done": ("完成", "done"),
    "cancelled": ("取消", "cancelled"),
}

REVIEW_KIND_LABELS: dict[str, tuple[str, str]] = {
    "monthly": ("月度", "monthly"),
    "quarterly": ("季度", "quarterly"),
    "midterm": ("中期", "mid-term"),
    "ad_hoc": ("专题", "ad hoc"),
}

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "office": ("专班", "office"),
    "mentor": ("导师", "mentor"),
    "leader": ("负责人", "leader"),
    "member": ("成员", "member"),
    "system": ("系统", "system"),
}

UNIT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "town": ("镇街", "town"),
    "department": ("区直部门", "department"),
    "community": ("村社区", "village or community"),
    "enterprise": ("企业", "enterprise"),
    "school": ("学校", "school"),
    "party_org": ("党组织", "party organisation"),
}

METHOD_LABELS: dict[str, tuple[str, str]] = {
    "self": ("个人报名", "self-nominated"),
    "unit_recommended": ("单位推荐", "recommended by unit"),
    "organisation_assigned": ("组织点将", "assigned by the organisation"),
    "open_call": ("揭榜申请", "open call"),
}

BRIEF_LABELS: dict[str, tuple[str, str]] = {
    "added": ("新增项目", "added"),
    "removed": ("删除项目", "removed"),
    "moved": ("状态变更", "status"),
    "update": ("进展", "update"),
    "milestone-done": ("里程碑完成", "milestone done"),
    "milestone-slipped": ("里程碑延后", "milestone slipped"),
    "measured": ("指标", "measured"),
    "reviewed": ("讲评", "reviewed"),
    # --- set
    "revised": ("调整", "revised"),
    # --- teams, applications, review actions, dated readings
    "action-done": ("整改完成", "action done"),
    # --- audit trail and change log (f2): people and applications, by their dates
    "joined": ("人员加入", "joined"),
    "left": ("人员离开", "left"),
    "applied": ("揭榜申请", "application"),
    "application-closed": ("申请结果", "application decided"),
    # --- assessments, rankings and cohorts after the office trial (issue 9)
    "assessed": ("考核", "assessed"),
}


# libyaml's own words for a syntax error, in Chinese (matched by their start).
YAML_DETAILS_ZH: tuple[tuple[str, str], ...] = (
    ("did not find expected key", "缺少预期的字段（多半是缩进不对，或少了冒号）"),
    ("did not find expected ',' or ']'", "流式列表缺少“,”或“]”"),
    ("did not find expected ',' or '}'", "流式映射缺少“,”或“}”"),
    ("mapping values are not allowed here", "这里不能写“字段: 值”（值里有未加引号的冒号，或缩进不对）"),
    ("could not find expected ':'", "找不到冒号“:”"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
    ("found character that cannot start any token", "出现了不能在此开头的字符"),
    ("did not find expected node content", "缺少预期的内容"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("found unknown escape character", "未知的转义字符"),
    ("expected <block end>, but found", "缩进不一致"),
    ("did not find expected <document start>", "缺少文档开始标记"),
    ("found unexpected ':'", "出现了多余的冒号“:”"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("found a tab character", "出现了制表符"),
)

JSON_TYPES: dict[str, tuple[str, str]] = {
    "object": ("映射（字段: 值）", "a mapping"),
    "array": ("列表", "a list"),
    "string": ("文字", "text"),
    "integer": ("整数", "an integer"),
    "number": ("数字", "a number"),
    "boolean": ("true/false", "true/false"),
    "null": ("空（null）", "null"),
}

ASSIGN_ROLE_LABELS: dict[str, tuple[str, str]] = {
    "leader": ("团队负责人", "team leader"),
    "mentor": ("项目导师", "mentor"),
    "member": ("成员", "member"),
    "lead-official": ("领衔领导", "lead official"),
}

# --- set: the agreed project fields whose changes are kept in `revisions:`
REVISED_FIELD_LABELS: dict[str, tuple[str, str]] = {
    "due_on": ("完成期限", "due date"),
    "tier": ("层级", "tier"),
    "category": ("类别", "category"),
}

APPLICATION_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "submitted": ("已提交", "submitted"),
    "reviewing": ("评审中", "reviewing"),
    "selected": ("已入选", "selected"),
    "rejected": ("未入选", "not selected"),
    "withdrawn": ("已撤回", "withdrawn"),
}

# JSON Schema formats, as `schema.format` names them.
FORMAT_LABELS: dict[str, tuple[str, str]] = {
    "date": ("日期", "date"),
    "uri": ("网址", "URI"),
    # --- schemas without holes
    "partial-date": ("日期", "date"),
}

# What a restricted record refers to (restricted.unknown-ref).
RESTRICTED_REF_LABELS: dict[str, tuple[str, str]] = {
    "person": ("人员", "person"),
    "unit": ("单位", "unit"),
    "project": ("项目", "project"),
    "team": ("团队", "team"),
    "meeting": ("会议", "meeting"),
    "cohort": ("批次", "cohort"),
    "assessment": ("考核", "assessment"),
}

# Which arguments of which messages are machine keys to show as labels.
# --- who may change what (issue 9): the roles and actions `authz.refused` names
AUTHZ_ROLE_LABELS: dict[str, tuple[str, str]] = {
    **ROLE_LABELS,
    "viewer": ("只读者", "viewer"),
    "none": ("在此无角色者", "someone with no role here"),
}
AUTHZ_ACTION_LABELS: dict[str, tuple[str, str]] = {
    "programme": ("修改专项文件", "change the programme file"),
    "people": ("修改人员或单位", "change people or units"),
    "roles": ("修改角色（roles.yaml）", "change roles (roles.yaml)"),
    "assess": ("录入考核", "record assessments"),
    "meeting": ("修改会议记录", "change meetings"),
    "cohort": ("修改批次", "change cohorts"),
    "files": ("修改登记册中的其他文件", "change other files in the register"),
    "list-fields": (
        "修改榜单内容（标题、目标、指标、期限、单位、来源、调整记录）或增删项目",
        "change list fields (title, goal, indicators, due date, units, sources, revisions) or add or remove projects",
    ),
    "team": ("调整团队", "edit the team"),
    "application": ("处理揭榜申请", "decide applications"),
    "apply": ("录入本人的揭榜申请", "enter their own application"),
    "status": (
        "变更项目状态（验收、暂停、终止、重启、延期、挂帅、撤榜）",
        "change the project's status (accept, pause, terminate, reopen, extend, assign, withdraw)",
    ),
    "start": ("启动项目", "start the project"),
    "submit": ("提交验收", "submit for acceptance"),
    "plan": ("在定基线前拟定里程碑", "draft milestones before the baseline"),
    "baseline": ("改动已定基线的里程碑计划或期限", "change baselined milestones or their dates"),
    "progress": (
        "更新里程碑进度（完成、百分比、完成日期、佐证）",
        "record milestone progress (done, percent, date, evidence)",
    ),
    "measure": ("录入指标实测值", "record indicator readings"),
    "update": ("发布进展", "post updates"),
    "review": ("写讲评或评级", "add reviews or ratings"),
    "review-action": ("关闭讲评整改事项", "close review actions"),
    "rag-override": ("手动设定红黄绿", "override the RAG colour"),
}

_ARG_TABLES: dict[str, dict[str, dict[str, tuple[str, str]]]] = {
    # --- who may change what (issue 9)
    "authz.refused": {"action": AUTHZ_ACTION_LABELS, "role": AUTHZ_ROLE_LABELS, "allowed": AUTHZ_ROLE_LABELS},
    "lifecycle.transition": {"source": STATUS_LABELS, "target": STATUS_LABELS, "allowed": STATUS_LABELS},
    "lifecycle.from-mismatch": {"value": STATUS_LABELS, "expected": STATUS_LABELS},
    "lifecycle.reason-required": {"target": STATUS_LABELS},
    "lifecycle.status-mismatch": {"value": STATUS_LABELS, "expected": STATUS_LABELS},
    "lifecycle.no-team": {"status": STATUS_LABELS},
    "edit.bad-move": {"source": STATUS_LABELS, "target": STATUS_LABELS, "allowed": STATUS_LABELS},
    "edit.reason-required": {"target": STATUS_LABELS},
    "edit.not-open": {"status": STATUS_LABELS},
    "edit.already": {"role": ASSIGN_ROLE_LABELS},
    "edit.not-assigned": {"role": ASSIGN_ROLE_LABELS},
    "history.transition": {"source": STATUS_LABELS, "target": STATUS_LABELS},
    "schema.type": {"expected": JSON_TYPES},
    # --- set
    "edit.due-only-extended": {"target": STATUS_LABELS},
    "edit.revision-reason": {"fields": REVISED_FIELD_LABELS},
    "history.unrecorded-revision": {"field": REVISED_FIELD_LABELS},
    # --- teams, applications, review actions, dated readings
    "edit.project-closed": {"status": STATUS_LABELS},
    "edit.status-needs-leader": {"status": STATUS_LABELS},
    "edit.leader-too": {"role": ASSIGN_ROLE_LABELS},
    "edit.not-waiting": {"status": APPLICATION_STATUS_LABELS},
    "edit.already-selected": {"status": APPLICATION_STATUS_LABELS},
    # --- dates
    "schema.format": {"expected": FORMAT_LABELS},
    # --- restricted records (issue 9)
    "restricted.unknown-ref": {"what": RESTRICTED_REF_LABELS},
}


def _localise_args(key: str, args: dict[str, Any], lang: str) -> dict[str, Any]:
    tables = _ARG_TABLES.get(key, {})
    out = dict(args)
    for name, table in tables.items():
        value = out.get(name)
        if isinstance(value, str):
            separator = " | " if " | " in value else ", "  # alternatives, or a list of keys
            joiner = separator if lang == "en" else {" | ": " 或 ", ", ": "、"}[separator]
            out[name] = joiner.join(label(table, word.strip(), lang) for word in value.split(separator))
    if lang != "en" and isinstance(out.get("detail"), str):
        out["detail"] = next((zh for en, zh in YAML_DETAILS_ZH if out["detail"].startswith(en)), out["detail"])
    return out


class _Counted(string.Formatter):
    """`{count:~error}` is "1 error" or "3 errors", `{n:~entry|entries}` when the plural is not the
    noun and an s: English counts need it, the Chinese ones take a measure word instead."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if not format_spec.startswith("~"):
            return super().format_field(value, format_spec)
        one, _, many = format_spec[1:].partition("|")
        return f"{value} {one if str(value) == '1' else many or one + 's'}"


_COUNTED = _Counted()


def text(key: str, lang: str = DEFAULT_LANG, /, **args: Any) -> str:
    """The message for `key`; unknown keys show themselves so a missing entry is visible, not fatal."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry[1] if lang == "en" else entry[0]
    try:
        localised = _localise_args(key, args, lang)
        # Only a template with a count in it needs the (slower, pure-Python) formatter.
        return _COUNTED.format(template, **localised) if ":~" in template else template.format(**localised)
    except (KeyError, IndexError, ValueError):
        return template


def has(key: str) -> bool:
    return key in MESSAGES


def label(table: dict[str, tuple[str, str]], key: object, lang: str = DEFAULT_LANG) -> str:
    """A key's label; anything that is not a known key (even a list from a broken file) shows as itself."""
    entry = table.get(key) if isinstance(key, str) else None
    return str(key) if entry is None else entry[1] if lang == "en" else entry[0]


def labelled(row: dict[str, Any], tables: dict[str, dict[str, tuple[str, str]]], lang: str) -> dict[str, Any]:
    """`row` with the value of each field `tables` names shown by its label (JSON keeps the keys)."""
    return {k: label(tables[k], v, lang) if k in tables and v is not None else v for k, v in row.items()}


def pick_lang(option: str | None, env: str | None) -> str:
    """Option, then environment; a value like `zh_CN` or `en-US` counts by its language."""
    for value in (option, env):
        if value:
            lang = value.lower().replace("-", "_").split("_")[0]
            if lang in LANGS:
                return lang
            if value is option:
                from jiebang.errors import UsageError

                raise UsageError("usage.bad-lang", value=value)
    return DEFAULT_LANG


# --- history and changes: field names as people read them, by path without ids (`teams.mentors`)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "schema_version": ("格式版本", "schema version"),
    "number": ("编号", "number"),
    "category": ("类别", "category"),
    "title": ("标题", "title"),
    "title_published": ("发布标题", "published title"),
    "title_full": ("完整标题", "full title"),
    "scope": ("范围", "scope"),
    "scope_published": ("发布范围", "published scope"),
    "scope_type": ("范围类型", "scope type"),
    "aliases": ("别名", "aliases"),
    "tier": ("层级", "tier"),
    "goal": ("目标", "goal"),
    "start_on": ("开始日期", "start date"),
    "due_on": ("完成期限", "due date"),
    "eligibility": ("揭榜条件", "eligibility"),
    "support": ("支持措施", "support"),
    "lead_unit": ("牵头单位", "lead unit"),
    "co_units": ("配合单位", "supporting units"),
    "task_order": ("任务令", "task order"),
    "task_order.issued_on": ("任务令颁发日期", "task order issued on"),
    "task_order.issued_by": ("任务令颁发人", "task order issued by"),
    "task_order.doc_no": ("任务令文号", "task order number"),
    "pledge": ("承诺书", "pledge"),
    "pledge.kind": ("承诺书类型", "pledge kind"),
    "pledge.signed_on": ("承诺书签订日期", "pledge signed on"),
    "pledge.doc_no": ("承诺书文号", "pledge number"),
    "status": ("状态", "status"),
    "status_history": ("状态记录", "status record"),
    "status_history.from": ("从", "from"),
    "status_history.to": ("到", "to"),
    "status_history.on": ("日期", "date"),
    "status_history.by_role": ("经办角色", "by role"),
    "status_history.by": ("经办人", "by"),
    "status_history.reason": ("原因", "reason"),
    "applications": ("揭榜申请", "application"),
    "applications.applicant": ("申请人", "applicant"),
    "applications.applicant_unit": ("申请单位", "applicant's unit"),
    "applications.method": ("揭榜方式", "method"),
    "applications.submitted_on": ("提交日期", "submitted on"),
    "applications.plan": ("方案", "plan"),
    "applications.score": ("评分", "score"),
    "applications.status": ("状态", "status"),
    "applications.team": ("团队", "team"),
    "teams": ("团队", "team"),
    "teams.name": ("名称", "name"),
    "teams.leader": ("负责人", "leader"),
    "teams.mentors": ("导师", "mentors"),
    "teams.lead_officials": ("领衔领导", "lead officials"),
    "teams.members": ("成员", "members"),
    "teams.formed_by": ("组建方式", "formed by"),
    "teams.formed_on": ("组建日期", "formed on"),
    "teams.race_status": ("赛马状态", "race status"),
    "milestones": ("里程碑", "milestone"),
    "milestones.title": ("名称", "title"),
    "milestones.due_on": ("期限", "due"),
    "milestones.weight": ("权重", "weight"),
    "milestones.kind": ("类型", "kind"),
    "milestones.status": ("状态", "status"),
    "milestones.percent": ("完成比例", "percent done"),
    "milestones.done_on": ("完成日期", "done on"),
    "milestones.revised_due_on": ("调整后期限", "revised due"),
    "milestones.revision_reason": ("调整原因", "revision reason"),
    "milestones.approved_by": ("批准人", "approved by"),
    "milestones.evidence": ("佐证", "evidence"),
    "indicators": ("指标", "indicator"),
    "indicators.name": ("名称", "name"),
    "indicators.unit": ("单位", "unit"),
    "indicators.aggregation": ("汇总方式", "aggregation"),
    "indicators.direction": ("方向", "direction"),
    "indicators.baseline": ("基线", "baseline"),
    "indicators.target": ("目标值", "target"),
    "indicators.period": ("周期", "period"),
    "indicators.actuals": ("实测", "measurement"),
    "indicators.actuals.on": ("日期", "date"),
    "indicators.actuals.value": ("数值", "value"),
    "indicators.actuals.note": ("备注", "note"),
    "indicators.actuals.period": ("周期", "period"),
    "indicators.actuals.qualifier": ("限定", "qualifier"),
    "indicators.actuals.count": ("人数/基数", "covers"),
    "indicators.actuals.person": ("人员", "person"),
    "indicators.actuals.unit": ("单位", "unit"),
    "indicators.baseline_on": ("基线日期", "baseline on"),
    "indicators.note": ("说明", "note"),
    "updates": ("进展", "update"),
    "updates.date": ("日期", "date"),
    "updates.author": ("填报人", "author"),
    "updates.summary": ("内容", "summary"),
    "updates.progress_pct": ("进度", "progress"),
    "updates.milestones_touched": ("涉及里程碑", "milestones touched"),
    "updates.needs_coordination": ("需协调", "needs coordination"),
    "reviews": ("讲评", "review"),
    "reviews.date": ("日期", "date"),
    "reviews.reviewer": ("讲评人", "reviewer"),
    "reviews.kind": ("类型", "kind"),
    "reviews.rating": ("评级", "rating"),
    "reviews.comments": ("意见", "comments"),
    "reviews.actions": ("待办", "action"),
    "reviews.actions.text": ("内容", "text"),
    "reviews.actions.owner": ("负责人", "owner"),
    "reviews.actions.due_on": ("期限", "due"),
    "reviews.actions.status": ("状态", "status"),
    "rag_override": ("人工红黄绿", "RAG override"),
    "rag_override.value": ("颜色", "colour"),
    "rag_override.reason": ("原因", "reason"),
    "rag_override.by": ("设定人", "set by"),
    "rag_override.until": ("有效至", "until"),
    "sources": ("来源", "sources"),
    "notes": ("备注", "notes"),
    "revisions": ("调整记录", "revision"),
    "revisions.field": ("字段", "field"),
    "revisions.from": ("原值", "from"),
    "revisions.to": ("新值", "to"),
    "revisions.on": ("日期", "date"),
    "revisions.reason": ("原因", "reason"),
    # --- audit trail and change log (f2): fields history names that had no label
    "lead_officials": ("领衔领导", "lead officials"),
    "applications.closed_on": ("结束日期", "closed on"),
    "applications.reason": ("原因", "reason"),
    "milestones.readings": ("进度读数", "readings"),
    "milestones.readings.on": ("日期", "date"),
    "milestones.readings.percent": ("进度", "percent"),
    "milestones.cancelled_on": ("取消日期", "cancelled on"),
    "milestones.cancel_reason": ("取消原因", "cancel reason"),
    "milestones.revised_on": ("调整日期", "revised on"),
    "reviews.actions.done_on": ("完成日期", "done on"),
    "reviews.actions.note": ("说明", "note"),
    "revisions.by": ("决定人", "decided by"),
}

# --- audit trail and change log (f2): labels for the enums `history` shows in words
RACE_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "racing": ("赛马中", "racing"),
    "eliminated": ("已淘汰", "eliminated"),
    "winner": ("胜出", "winner"),
}
MILESTONE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "checkpoint": ("节点", "checkpoint"),
    "midterm": ("中期", "mid-term"),
    "acceptance": ("验收", "acceptance"),
    "other": ("其他", "other"),
}
AGGREGATION_LABELS: dict[str, tuple[str, str]] = {
    "sum": ("累计", "sum"),
    "average": ("平均", "average"),
    "latest": ("最新值", "latest"),
    "rate": ("比率", "rate"),
    "per_person": ("人均", "per person"),
}
DIRECTION_LABELS: dict[str, tuple[str, str]] = {
    "increase": ("越高越好", "increase"),
    "decrease": ("越低越好", "decrease"),
}
ACTION_STATUS_LABELS: dict[str, tuple[str, str]] = {"open": ("待办", "open"), "done": ("已完成", "done")}
PLEDGE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "military_order": ("军令状", "military order"),
    "responsibility_letter": ("责任书", "responsibility letter"),
    "task_book": ("任务书", "task book"),
}
SCOPE_TYPE_LABELS: dict[str, tuple[str, str]] = {
    "sector": ("领域", "sector"),
    "area": ("片区", "area"),
    "site": ("点位", "site"),
    "road": ("道路", "road"),
    "junction": ("路口", "junction"),
    "community": ("社区", "community"),
    "waterway": ("河道", "waterway"),
    "other": ("其他", "other"),
}

# --- assessments, meetings, rankings (issue 9)
ASSESSMENT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "stage": ("阶段考核", "stage"),
    "monthly": ("月度考核", "monthly"),
    "quarterly": ("季度考核", "quarterly"),
    "annual": ("年度考核", "annual"),
    "acceptance": ("验收", "acceptance"),
    "contest": ("比武打擂", "contest"),
    "debrief": ("述职", "debrief"),
    "inspection": ("考察", "inspection"),
}
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "excellent": ("优秀", "excellent"),
    "good": ("良好", "good"),
    "pass": ("合格", "pass"),
    "fail": ("不合格", "fail"),
}
OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "pass": ("通过", "pass"),
    "rectify": ("整改", "rectify"),
    "fail": ("不通过", "fail"),
    "advance": ("进", "advance"),
    "retain": ("留", "retain"),
    "eliminate": ("退", "eliminate"),
    "commend": ("表扬", "commend"),
}
SUBJECT_TYPE_LABELS: dict[str, tuple[str, str]] = {
    "project": ("项目", "project"),
    "team": ("团队", "team"),
    "person": ("人员", "person"),
    "unit": ("单位", "unit"),
}
# An assessment's fields stored as keys, shown by label wherever an assessment is shown.
ASSESSMENT_FIELD_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": ASSESSMENT_KIND_LABELS,
    "level": LEVEL_LABELS,
    "outcome": OUTCOME_LABELS,
}
MEETING_KIND_LABELS: dict[str, tuple[str, str]] = {
    "review": ("调度讲评", "review"),
    "launch": ("启动仪式", "launch"),
    "contest": ("比武打擂", "contest"),
    "graduation": ("结业", "graduation"),
    "debrief": ("述职会", "debrief"),
    "other": ("其他", "other"),
}
RANK_BY_LABELS: dict[str, tuple[str, str]] = {
    "score": ("得分", "score"),
    "progress": ("进度", "progress"),
    "gain": ("指标增幅", "gain"),
}
BAND_LABELS: dict[str, tuple[str, str]] = {
    "eliminate": ("淘汰区", "elimination band"),
    "commend": ("表扬", "commended"),
}
ASSESS_COLUMNS: dict[str, tuple[str, str]] = {
    "rank": ("名次", "rank"),
    "subject_type": ("对象类型", "subject type"),
    "subject": ("对象", "subject"),
    "label": ("名称", "name"),
    "score": ("得分", "score"),
    "value": ("数值", "value"),
    "level": ("等次", "level"),
    "outcome": ("结果", "outcome"),
    "kind": ("类型", "kind"),
    "date": ("日期", "date"),
    "id": ("编号", "id"),
    "band": ("区间", "band"),
    "assessment": ("考核编号", "assessment"),
    "title": ("名称", "title"),
    "programme": ("项目集", "programme"),
    "cohort": ("批次", "cohort"),
    "chair": ("主持", "chair"),
    "organiser": ("组织单位", "organiser"),
    "covers": ("涉及", "covers"),
    "cycle": ("周期", "cycle"),
}
_ARG_TABLES.update(
    {
        "assess.needs-store": {"type": SUBJECT_TYPE_LABELS},
        "assess.no-subject": {"kind": SUBJECT_TYPE_LABELS},
        "ref.subject": {"type": SUBJECT_TYPE_LABELS},
        "rank.needs-restricted": {"of": SUBJECT_TYPE_LABELS},
        "rank.by-needs-project": {"by": RANK_BY_LABELS},
    }
)

# --- cohorts, postings and the person portfolio (issue 9)
COHORT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "rotation": ("轮岗", "rotation"),
    "secondment": ("抽调", "secondment"),
    "village": ("驻村", "village posting"),
    "grid": ("网格员", "grid work"),
    "training": ("特训营", "training camp"),
}
POSTING_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "active": ("在岗", "active"),
    "completed": ("期满", "completed"),
    "withdrawn": ("中途退出", "withdrawn"),
    "eliminated": ("淘汰", "eliminated"),
}
# What a person was, in the portfolio and in `list --person`.
PERSON_ROLE_LABELS: dict[str, tuple[str, str]] = {
    "leader": ("团队负责人", "team leader"),
    "mentor": ("项目导师", "mentor"),
    "member": ("成员", "member"),
    "lead_official": ("领衔领导", "lead official"),
    "applicant": ("揭榜申请人", "applicant"),
    "posting": ("派驻", "posting"),
    "trainee": ("学员", "trainee"),
    "principal": ("主要领导", "principal"),
    "guest": ("出席领导", "guest"),
    "presenter": ("情况介绍", "presenter"),
    "office": ("专班", "office"),
}
# Column headers and headings of `cohort`, `cohorts` and `person`.
COHORT_LABELS: dict[str, tuple[str, str]] = {
    "cohort": ("批次", "Cohort"),
    "id": ("编号", "Id"),
    "name": ("名称", "Name"),
    "kind": ("类型", "Kind"),
    "person": ("人员", "Person"),
    "home_unit": ("原单位", "Home unit"),
    "host_unit": ("派驻单位", "Host unit"),
    "post": ("岗位", "Post"),
    "from": ("开始", "From"),
    "to": ("计划结束", "Planned end"),
    "until": ("结束", "To"),
    "ended": ("结束", "Ended"),
    "status": ("状态", "Status"),
    "exit_reason": ("原因", "Reason"),
    "early": ("提前结束", "ended early"),
    "overdue": ("已过计划结束日", "past its planned end"),
    "declared_size": ("公布人数", "Declared"),
    "posted": ("已派驻", "Posted"),
    "completion_rate": ("完成率", "Completion"),
    "summary": (
        "公布 {declared_size} 人；已派驻 {posted} 人；在岗 {active}，期满 {completed}，中途退出 {withdrawn}，"
        "淘汰 {eliminated}；完成率 {completion_rate}（已结束的派驻中期满的比例）",
        "declared {declared_size}; posted {posted}; active {active}, completed {completed}, withdrawn {withdrawn}, "
        "eliminated {eliminated}; completion {completion_rate} (completed out of the postings that have ended)",
    ),
    "roles": ("角色", "Roles"),
    "role": ("角色", "Role"),
    "where": ("项目或批次", "Project or cohort"),
    "title": ("名称", "Title"),
    "team": ("团队", "Team"),
    "unit": ("单位", "Unit"),
    "milestones_done": ("负责期间完成的里程碑", "Milestones done under their lead"),
    "milestone": ("里程碑", "Milestone"),
    "done_on": ("完成日期", "Done on"),
    "updates": ("报告的进展", "Updates written"),
    "date": ("日期", "Date"),
    "summary_text": ("摘要", "Summary"),
    "reviews_given": ("作出的讲评", "Reviews given"),
    "reviews_received": ("所负责项目收到的讲评", "Reviews received (projects they lead)"),
    "reviewer": ("讲评人", "Reviewer"),
    "rating": ("评级", "Rating"),
    "comments": ("意见", "Comments"),
    "assessments": ("所负责项目和团队的考核", "Assessments of the projects and teams they lead"),
    "personal_assessments": ("个人考核（受限）", "Personal assessments (restricted)"),
    "subject": ("对象", "Subject"),
    "score": ("得分", "Score"),
    "level": ("等次", "Level"),
    "outcome": ("结果", "Outcome"),
    "rank": ("名次", "Rank"),
    "basis": ("依据", "Basis"),
    "former_names": ("曾用名", "former names"),
}
_ARG_TABLES.update(
    {
        "edit.posting-ended": {"status": POSTING_STATUS_LABELS},
        "edit.exit-reason-required": {"status": POSTING_STATUS_LABELS},
    }
)

# --- key-project selection and oversight, camp cadence (issue 10, example registers)
CADENCE_LABELS: dict[str, tuple[str, str]] = {
    "monthly": ("一月一次", "monthly"),
    "quarterly": ("一季一次", "quarterly"),
    "annual": ("一年一次", "yearly"),
}
_ARG_TABLES["project.selection-not-key"] = {"tier": TIER_LABELS}
APPLIES_TO_LABELS: dict[str, tuple[str, str]] = {
    "key": ("重点项目", "key projects"),
    "all": ("全部项目", "every project"),
}
REPORT_LABELS.update(
    {
        "applicant_groups": ("申报单位构成", "Applicants by group"),
        "selection": ("重点项目评选", "Key-project selection"),
        "selected_by": ("评选机构", "selected by"),
        "selected_on": ("评选日期", "selected on"),
        "date_not_given": ("来源未写", "not given by the source"),
        "oversight": ("跟踪、讲评与考核", "Oversight"),
        "tracked_by": ("跟踪指导", "tracked by"),
        "tracking": ("跟踪方式", "tracking"),
        "applies_to": ("适用", "applies to"),
        "reviews_held": ("调度讲评", "reviews"),
        "assessed_in": ("纳入考核", "assessed in"),
        "notes": ("备注", "notes"),
    }
)
COHORT_LABELS.update(
    {
        "self_assessment": ("自评", "self-assessment"),
        "assessment": ("考核", "assessment"),
        "graduation": ("结业", "graduation"),
        "elimination": ("每次考核实行优进拙退淘汰制", "every assessment eliminates (优进拙退)"),
        "cadence": ("考核节奏", "Cadence"),
        "training_model": ("办学模式", "Model"),
        "training_forms": ("培训形式（{n} 种）", "Training forms ({n})"),
        "intake": ("学员来源", "Intake"),
        "notes": ("备注", "Notes"),
    }
)
# --- imprecise dates (issue 10): what an EDTF qualifier after a date means (derive.QUALIFIERS)
DATE_QUALIFIER_LABELS: dict[str, tuple[str, str]] = {
    "inferred": ("推定", "inferred"),
    "uncertain": ("存疑", "uncertain"),
    "inferred_uncertain": ("推定，存疑", "inferred, uncertain"),
}
# --- strands, programme teams and pinyin glosses (issue 10): the programme card's words
REPORT_LABELS.update(
    {
        "parent_programme": ("上级项目集", "parent programme"),
        "strands": ("子项目集", "Strands"),
        "strand_id": ("编号", "Id"),
        "strand_name": ("名称", "Name"),
        "strand_declared_projects": ("公布项目", "Projects declared"),
        "strand_entered_projects": ("已录入项目", "Projects entered"),
        "strand_declared_teams": ("公布团队", "Teams declared"),
        "strand_entered_teams": ("已录入团队", "Teams entered"),
        "strand_declared_people": ("公布人数", "People declared"),
        "programme_teams": ("项目集团队", "Programme teams"),
        "without_lead_team": ("没有牵头团队的项目", "Projects no team leads"),
        "count_people": ("人数", "people"),
        "programme_notes": ("备注", "Notes"),
    }
)
TEAM_ROLE_LABELS: dict[str, tuple[str, str]] = {"lead": ("牵头", "lead"), "support": ("协同", "support")}

# --- indicators with qualifiers (issue 10): how a qualified figure reads, and the indicator table's columns
QUALIFIER_FORMS: dict[str, tuple[str, str]] = {
    "more_than": ("{n}余", "more than {n}"),
    "at_least": ("至少{n}", "at least {n}"),
    "about": ("约{n}", "about {n}"),
    "nearly": ("近{n}", "nearly {n}"),
    "less_than": ("不到{n}", "less than {n}"),
}


def qualified(value: object, qualifier: object, lang: str = DEFAULT_LANG) -> str | None:
    """A figure with the source's qualifier (300余 / more than 300, 近100 / nearly 100); None for
    what is not a number. Every output that shows an indicator's value goes through here."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    text = f"{value:g}"
    return label(QUALIFIER_FORMS, qualifier, lang).format(n=text) if qualifier in QUALIFIER_FORMS else text


QUALIFIER_LABELS: dict[str, tuple[str, str]] = {
    "more_than": ("余", "more than"),
    "at_least": ("至少", "at least"),
    "about": ("约", "about"),
    "nearly": ("近", "nearly"),
    "less_than": ("不到", "less than"),
}
INDICATOR_LABELS: dict[str, tuple[str, str]] = {
    "indicators": ("指标", "Indicators"),
    "name": ("指标", "indicator"),
    "unit": ("单位", "unit"),
    "aggregation": ("汇总方式", "aggregation"),
    "baseline": ("基线", "baseline"),
    "target": ("目标值", "target"),
    "value": ("实际", "actual"),
    "period": ("周期", "period"),
    "on": ("截至", "as of"),
    "covers": ("人数/基数", "covers"),
    "progress": ("进度", "progress"),
    "trend": ("趋势", "trend"),
    "note": ("说明", "note"),
}
COHORT_DECLARED_LABELS: dict[str, tuple[str, str]] = {
    "declared_home_units": ("公布派出单位 {n} 个", "{n} home units published"),
    "declared_host_units": ("公布接收单位 {n} 个", "{n} host units published"),
}
