## 政府工作人员：工作群消息、办理卡片、清单、审批、领导、邀请、设置
officials-only = 此操作仅限政府工作人员。
sent-privately = 已私信发送给您。

## 工作群消息
group-post-head = 【{ $urgency }】{ $code }
group-claim = 签收
group-details = 详情
group-return = 退单
group-post-signed = ✅ 已由 { $name } 签收
group-post-state = 当前状态：{ $state }
group-post-returned = { $code } 已由 { $name } 退回办公室。原因：{ $reason }
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
card-supervised = 该问题已列入领导督办。
clock-sign = 签收
clock-reply = 答复
clock-resolve = 办结
card-clock-due = { $clock }时限：{ $due }
card-clock-met = { $clock }：已完成
card-clock-paused = { $clock }：已暂停（等待企业补充）
card-timeline = 办理进程：
card-timeline-text = { $at } { $what }：{ $text }
card-reply = 答复企业
card-ask = 请求补充
card-note = 进展备注
card-extend = 申请延期
card-transfer = 转派
card-resolve = 办结答复
card-ask-reply = 请输入给企业的答复（{ $code }）：
card-ask-question = 请说明需要企业补充的材料（{ $code }），等待期间办理时限暂停：
card-ask-note = 请输入办理进展（{ $code }），仅政府工作人员可见：
card-ask-resolution = 请输入办理结果（{ $code }），确认后将发送给企业：
card-confirm-resolution =
    请确认发送给企业的办理结果（{ $code }）：
    { $text }
card-confirm = 确认发送
card-cancel = 取消
card-cancelled = 已取消。
card-need-text = 请用文字回复，或发送 /cancel 取消。
card-use-buttons = 请点击上方按钮继续，或发送 /cancel 取消。
card-replied = 已答复企业（{ $code }）。
card-asked = 已请企业补充材料（{ $code }），办理时限暂停。
card-noted = 已记录办理进展（{ $code }）。
card-resolved = 办理结果已发送给企业（{ $code }），等待企业确认。
card-ask-date = 请输入新的办结时限（格式 YYYY-MM-DD，须为工作日），当前时限为 { $due }（{ $code }）：
card-bad-date = 日期格式不正确或不晚于今天，请按 YYYY-MM-DD 格式输入，例如 2026-12-30。
card-ask-extension-reason = 请说明延期至 { $due } 的理由（{ $code }）：
card-extension-requested = 已提交延期申请（{ $code }，延期至 { $due }），等待审批。
card-ask-team = 请选择要转派的专班（{ $code }）：
card-ask-transfer-reason = 请说明转派至{ $team }的理由（{ $code }）：
card-transferred = 已转派（{ $code }）。
card-transfer-requested = 已提交转派申请（{ $code }），等待专班负责人审批。

## 清单
list-inbox = 我的待办（{ $count } 个，按时限先后）：
list-inbox-none = 您目前没有待办的问题。
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
    当前办结时限：{ $current }
    申请延期至：{ $due }
    理由：{ $reason }
approval-transfer =
    【转派申请】{ $code }
    转派至：{ $team }
    理由：{ $reason }
approval-none = { $code } 没有待审批的申请。
approval-approve = 批准
approval-deny = 不批准
approval-extension-approved = ✅ { $name } 已批准 { $code } 延期，新的办结时限：{ $due }。
approval-transfer-approved = ✅ { $name } 已批准 { $code } 转派至{ $team }。
approval-denied = ❌ { $name } 未批准 { $code } 的申请。
approval-done = 已处理

## 领导
leader-card-direct = 【直报】{ $head }
leader-instruct = 批示
leader-supervise = 督办
leader-details = 详情
leader-ask-instruction = 请输入对 { $code } 的批示，将立即推送给承办人和专班：
leader-instructed = 批示已送达（{ $code }）。
leader-supervised = 已将 { $code } 列入督办，后续超期提醒将直接报送您。
leader-supervised-toast = 已督办
overview =
    各专班办理情况：
    { $lines }
overview-line = { $name }：办理中 { $open }，超期 { $overdue }，按时办结率 { $on_time }，满意度 { $rating }
overview-no-data = —
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

## 设置
settings =
    通知设置
    免打扰时段：{ $quiet }
    静音：{ $mute }
settings-quiet-default = 默认
settings-quiet-off = 不设免打扰
settings-quiet-range = { $start }–{ $end }
settings-quiet-none = 不设免打扰
settings-muted-until = 至 { $until }
settings-not-muted = 未静音
settings-mute-day = 静音1天
settings-mute-week = 静音1周
settings-unmute = 取消静音
settings-saved = 已保存
