## 推送给各方的消息
notice-needs-dispatch = 【待分派】{ $code }（{ $enterprise }）：{ $excerpt }
notice-new-issue = 【新问题】{ $code }（{ $enterprise }）：{ $excerpt }
notice-assigned-to-you = 【请签收】{ $code }（{ $enterprise }）已指定由您办理：{ $excerpt }
notice-reply = 【答复】{ $code }：{ $text }
notice-info-requested = 【请补充材料】{ $code }：{ $text }
notice-info-supplied = 【企业已补充】{ $code }：{ $text }
notice-extension-requested = 【延期申请】{ $code }：{ $text }
notice-transfer-requested = 【转派申请】{ $code }：{ $text }
notice-deadline-changed = 【时限调整】{ $code } 的办结时限调整为 { $new_due }。
notice-request-approved = { $event ->
    [transferred] 【转派申请已批准】{ $code } 已转至{ $team }办理。
   *[other] 【延期申请已批准】{ $code } 的办结时限调整为 { $new_due }。
}
notice-request-denied = { $request ->
    [transfer] 【转派申请未获批准】{ $code }：{ $text }
   *[other] 【延期申请未获批准】{ $code }：{ $text }
}
notice-returned = 【退单】{ $code }：{ $text }
notice-co-handling = 【协办】{ $code }（{ $enterprise }）请协助办理：{ $excerpt }
notice-answered = 【办理结果】{ $code }：{ $text }
    问题是否已解决？
notice-answer-rejected = 【企业反馈未解决】{ $code }：{ $text }
notice-confirmed = 【企业确认已解决】{ $code }
notice-rate-request = 请为 { $code } 的办理情况评分：
notice-auto-closed = 【自动办结】{ $code }
notice-reopened = 【重新办理】{ $code }：{ $text }
notice-reopened-by-office = 【问题重新办理】{ $code } 已由市里重新打开，原因：{ $text }
    专班将重新办理，办好后会再答复您。
notice-withdrawn = 【企业撤回】{ $code }
notice-rejected = 【不予受理】{ $code }：{ $text }
notice-rated = 【企业评价】{ $code }：{ $score } 星
notice-instruction = 【领导批示】{ $code }（{ $leader }）：{ $text }
notice-supervised = 【领导督办】{ $code }（{ $leader }）
notice-leader-unknown = 市领导
notice-direct-report = 【直报】{ $code }（{ $enterprise }）：{ $excerpt }
act-claim = 签收
act-details = 详情
act-return = 退单
act-approve = 批准
act-deny = 不批准
act-instruct = 批示
act-supervise = 督办
notice-request-denied-plain = { $request ->
    [transfer] 【转派申请未获批准】{ $code }
   *[other] 【延期申请未获批准】{ $code }
}
# 投递失败时告诉管理员：哪个问题的哪类消息（$title 是消息的模板名）、发给谁。
notice-delivery-failed = 【投递失败】{ $issue ->
        [none] {""}
       *[other] { $issue } 的
    }{ $title ->
        [needs_dispatch] 【待分派】
        [new_issue] 【新问题】
        [assigned_to_you] 【请签收】
        [reply] 【答复】
        [info_requested] 【请补充材料】
        [info_supplied] 【企业已补充】
        [extension_requested] 【延期申请】
        [transfer_requested] 【转派申请】
        [deadline_changed] 【时限调整】
        [request_approved] 【申请已批准】
        [request_denied] 【申请未获批准】
        [returned] 【退单】
        [co_handling] 【协办】
        [answered] 【办理结果】
        [answer_rejected] 【企业反馈未解决】
        [confirmed] 【企业确认已解决】
        [rate_request] 【评分邀请】
        [auto_closed] 【自动办结】
        [reopened] 【重新办理】
        [reopened_by_office] 【问题重新办理】
        [withdrawn] 【企业撤回】
        [rejected] 【不予受理】
        [rated] 【企业评价】
        [instruction] 【领导批示】
        [supervised] 【领导督办】
        [direct_report] 【直报】
        [reminder] 【临期提醒】
        [escalation] 【催办】
        [idle_nudge] 【进展提醒】
        [digest] 【每日汇总】
        [weekly] 【周报】
        [file] 附件
        [refresh] 卡片更新
        [kept_reply] 对话回复
       *[other] 消息
    }未能送达 { $recipient }：{ $error }
