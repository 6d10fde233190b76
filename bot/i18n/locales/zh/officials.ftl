## 政府工作人员：工作群消息、办理卡片、清单、审批、领导、邀请、设置
officials-only = 此操作仅限政府工作人员。
sent-privately = 已私信发送给您。

## 工作群消息
group-post-head = 【{ $urgency }】{ $code }
group-post-signed = 已由 { $name } 签收
group-post-state = 当前状态：{ $state }
group-claimed-toast = 签收成功
team-ask-return-reason = 请说明退单原因（{ $code }），办公室将据此重新分派：
team-returned = 已退单：{ $code } 已退回办公室重新分派。

## 问题卡片
card-head = { $code } · { $state } · { $urgency }
card-enterprise = 企业：{ $name }
card-project = 项目：{ $name }
card-project-stage = 项目：{ $name }（{ $stage }）
card-project-detail = 项目：{ $name }（{ $investment }，{ $stage }）
card-no-project = 不涉及具体项目
card-investment = 总投资 { $amount }
currency-cny = 元
currency-usd = 美元
stage-lead = 信息阶段
stage-negotiating = 洽谈阶段
stage-signed = 已签约
stage-under-way = 推进中
stage-landed = 已落地
card-task-force = 专班：{ $name }
card-no-task-force = 未分派
card-problem = 问题：{ $text }
card-original-language = （企业原文为{ $original }）
original-zh = 中文
original-en = 英文
original-ja = 日文
original-ko = 韩文
card-pending = 待审批：{ $kind }
card-pending-extension = 延期申请
card-pending-transfer = 转派申请
card-supervised = 该问题已由{ $name }督办。
clock-sign = 签收
clock-reply = 答复
clock-resolve = 办结
card-clock-due = { $clock }时限：{ $due }
card-clock-met = { $clock }：已完成
card-clock-paused = { $clock }：已暂停（等待企业补充）
card-clock-confirming = { $clock }：已暂停（等待企业确认）
card-clock-withdrawn = { $clock }：已停止（企业已撤回）
card-clock-rejected = { $clock }：已停止（不予受理）
card-instruction = 领导批示（{ $name }，{ $at }）：{ $text }
card-dispatch-note = 办公室派单说明：{ $text }
card-timeline = 办理进程：
card-timeline-text = { $at } { $what }：{ $text }
card-ask-reply = 请输入给企业的答复（{ $code }），可分几条发送，也可附照片或文件；写完点“发送”。
card-ask-question = 请说明需要企业补充的材料（{ $code }），可附照片或文件；写完点“发送”。等待企业补充期间，办理时限暂停。
card-ask-note = 请输入办理进展（{ $code }），仅政府工作人员可见：
card-ask-resolution = 请输入办理结果（{ $code }），可附照片或文件；点“发送”后发给企业，等待企业确认。
card-need-text = 请用文字回复，或发送 /cancel 取消。
card-replied = 已答复企业（{ $code }）。
card-asked = 已请企业补充材料（{ $code }），办理时限暂停。
card-noted = 已记录办理进展（{ $code }）。
card-resolved = 办理结果已发送给企业（{ $code }），等待企业确认。
card-ask-date = 请选择新的办结日期，或直接输入日期（如 2026-12-30）。当前时限为 { $due }，最晚可延至 { $latest }（{ $code }）：
card-bad-date = 没有看懂这个日期。请点下方的日期按钮，或按 2026-12-30 的格式输入。
card-ask-extension-reason = 请说明延期至 { $due } 的理由（{ $code }）：
card-extension-requested = 已提交延期申请（{ $code }，延期至 { $due }），等待{ $approver ->
        [leader] 分管市领导
        [office] 市委、市政府办公室（本专班暂无负责人）
        [office_for_leader] 市委、市政府办公室（本专班暂无分管市领导）
       *[lead] 专班负责人
    }审批。
card-ask-team = 请选择要转派的专班（{ $code }）：
card-ask-transfer-reason = 请说明转派至{ $team }的理由（{ $code }）：
card-transferred = 已转派（{ $code }）。
card-transfer-requested = 已提交转派申请（{ $code }），等待{ $approver ->
        [office] 市委、市政府办公室（本专班暂无负责人）
       *[lead] 专班负责人
    }审批。

## 清单
list-inbox = 我的待办（{ $count } 个；待审批、待分派的在前，其余按时限先后）：
list-inbox-none = 您目前没有待办的问题，也没有待审批的申请。
list-team = 本专班办理中的问题（{ $count } 个）：
list-team-none = 本专班目前没有办理中的问题。
list-no-team = 您不属于任何专班。
list-overdue = 超期问题（{ $count } 个）：
list-overdue-none = 目前没有超期问题。
list-more = 仅显示前 { $shown } 个。
list-item = { $code } · { $state } · { $due }（{ $left }）
list-item-late = ⚠ { $code } · { $state } · 已超期 { $due }
list-item-no-due = { $code } · { $state }

## 审批
approval-extension = 
    【延期申请】{ $code }
    申请人：{ $name }
    当前办结时限：{ $current }
    申请延期至：{ $due }
    理由：{ $reason }
approval-transfer = 
    【转派申请】{ $code }
    申请人：{ $name }
    转派至：{ $team }
    理由：{ $reason }
approval-none = { $code } 没有待审批的申请。
approval-extension-approved = { $name } 已批准 { $code } 延期，新的办结时限：{ $due }。
approval-transfer-approved = { $name } 已批准 { $code } 转派至{ $team }。
approval-denied = { $name } 未批准 { $code } 的申请。
approval-denied-why = { $name } 未批准 { $code } 的申请，理由：{ $reason }
approval-ask-deny-reason = 请说明不批准的理由（{ $code }），申请人会看到：
approval-done = 已处理

## 领导
leader-ask-instruction = 请输入对 { $code } 的批示，将立即推送给承办人和专班：
leader-instructed = 批示已送达（{ $code }）。
leader-supervised = 已将 { $code } 列入督办，后续超期提醒将直接报送您。
leader-supervised-toast = 已督办
overview =
    各专班办理情况：
    { $lines }
overview-line = { $name }：办理中 { $open }，超期 { $overdue }，按时办结率 { $on_time }，满意率 { $satisfaction }
# 满意率：评价为 4 星或 5 星的问题占已评价问题的比例。
overview-satisfaction = { $rate }（平均 { $average } 分）
overview-no-data = —
overview-idle = 暂无办件：{ $names }
overview-none = 您目前没有分管的专班。
error-overview-not_allowed = 只有市领导和办公室可以查看总体情况。

## 邀请
invite-choose-role = 请选择被邀请人的身份：
invite-choose-team = 请选择{ $role }所在的专班：
invite-no-team = 暂不指定专班
invite-issued =
    邀请已生成（{ $role }）。请把下面的内容转发给对方，对方在与本机器人的私聊中发送：
    /start { $code }
    有效期至 { $expires }，仅可使用一次。
invite-issued-link =
    邀请已生成（{ $role }）。请把下面的链接转发给对方，对方打开链接、点“开始”即可加入：
    { $link }
    也可以在与本机器人的私聊中发送：
    /start { $code }
    有效期至 { $expires }，仅可使用一次。
invite-role-team = { $role }，{ $team }

## 设置
settings =
    通知设置
    免打扰时段：{ $quiet }
    静音：{ $mute }
settings-quiet-default = 默认（{ $hours }）
settings-quiet-off = 不设免打扰
settings-quiet-range = { $start }–{ $end }
settings-quiet-none = 不设免打扰
settings-muted-until = 至 { $until }
settings-not-muted = 未静音
settings-mute-day = 静音1天
settings-mute-week = 静音1周
settings-unmute = 取消静音
settings-saved = 已保存
## 卡片的组成
group-post-named = 已指派 { $name }，待其签收
group-post-moved = 已转至{ $team }办理
group-post-back-to-desk = 已退回办公室，等待重新分派
card-kind-new = 【新问题】{ $head }
card-kind-assigned = 【请签收】{ $head }
card-kind-direct = 【直报】{ $head }
card-kind-desk = 【待分派】{ $head }
card-kind-cohandle = 【协办】{ $head }
card-gone = { $code } 已不在您的职责范围内（现由{ $team }办理）。
card-gone-desk = { $code } 已不在您的职责范围内（已退回办公室，等待重新分派）。
card-assignee = 经办人：{ $name }
card-named = 指定签收人：{ $name }
card-co-handlers = 协办专班：{ $names }
list-separator = 、
card-clock-overdue = ⚠ { $clock }时限 { $due } 已超期
card-clock-stopped = { $clock }：已停止
card-clock-uncovered = ⚠ { $year }年的节假日安排尚未录入，此时限暂按周一至周五推算。
card-files = 附件：{ $count } 个（点“详情”可再次查看）
card-files-group = 附件：{ $count } 个，点“详情”私信查看
card-returned-by = 退单：{ $name }，原因：{ $reason }
card-timeline-cut = （仅显示最近 { $shown } 条，共 { $total } 条）
timeline-by = { $what }（{ $name }）
file-caption = { $code } 附件 { $number }/{ $total } { $name }
dialog-cancel = 取消

## 办理操作
act-reply = 答复企业
act-ask = 请求补充
act-note = 进展备注
act-resolve = 办结答复
act-extend = 申请延期
act-transfer = 转派
act-co-handle = 协办
act-assign = 指派签收人
act-reject = 不予受理
act-reopen = 重新办理
act-direct-report = 列入直报
act-dispatch = 派至专班
act-dispatch-other = 派至其他专班
act-dispatch-to = 派至{ $name }
act-open = 打开
draft-reply =
    将发送给企业的答复（{ $code }）：
    { $text }
    附件：{ $files } 个
    可继续补充，确认无误请点“发送”。
draft-question =
    将请企业补充的材料（{ $code }）：
    { $text }
    附件：{ $files } 个
    可继续补充，确认无误请点“发送”。
draft-resolution =
    将发送给企业的办理结果（{ $code }）：
    { $text }
    附件：{ $files } 个
    可继续补充，确认无误请点“发送”。
draft-info =
    将补充到 { $code } 的材料：
    { $text }
    附件：{ $files } 个
    可继续发送，全部发完请点“发送”。
draft-send = 发送
draft-need-content = 请发送文字、照片或文件。
draft-need-words = 请先写一句说明（{ $code }），照片和文件会随说明一起发送。
draft-no-words = （尚无文字）
extension-day = { $day }
extension-day-uncovered = { $day }（未核节假日）
extension-uncovered = 注意：{ $years }年的节假日安排尚未录入，标注“未核节假日”的日期暂按周一至周五推算，可能恰逢假日。
extension-none-left = { $code } 的办结时限已是最长期限 { $latest }，不能再延期。
extension-refused = { $reason }请另选日期。
extension-not-later = { $day } 不晚于当前时限 { $due }。
extension-over-cap = { $day } 超出最长期限，最晚可延至 { $latest }。
extension-not-workday = { $day } 不是工作日。
card-ask-officer = 请选择签收人（{ $code }）：
card-ask-co-handler = 请选择协办专班（{ $code }）：
desk-ask-team = 派往哪个专班（{ $code }）？
pick-person = { $name }
pick-team = { $name }
pick-team-none = 没有可选的专班（{ $code }）。
card-assigned = 已指定 { $name } 签收 { $code }。
card-co-handling = 已请{ $team }协办 { $code }。
card-direct-reported = { $code } 已列入直报，市领导和办公室将收到。
desk-dispatched = 已将 { $code } 派至{ $team }。
desk-ask-reject-reason = 请说明不予受理的原因（{ $code }），企业将看到这段说明：
desk-rejected = 已不予受理 { $code }，企业已收到原因。
ask-reopen-reason = 请说明重新办理的原因（{ $code }）：
reopened = { $code } 已重新办理。
decided-extension = 已批准 { $code } 的延期申请。
decided-transfer = 已批准 { $code } 的转派申请。
decided-denied = 已驳回 { $code } 的申请。
list-waits-for-dispatch = { $state }·待分派

## 待审批的申请：卡片上写明申请什么、为什么、谁申请
card-pending-extension-asked = 
    待审批：延期申请（{ $name } 申请）
    申请延期至：{ $due }
    理由：{ $reason }
card-pending-transfer-asked = 
    待审批：转派申请（{ $name } 申请）
    转派至：{ $team }
    理由：{ $reason }
## 我的待办：待我审批的申请
list-item-decide = { $code } · 待您审批：{ $kind }
