## 定时扫描、汇总与投递产生的消息
notice-reminder = 【临期提醒】{ $code } 的{ $clock }时限为 { $due_at }，请抓紧办理。
notice-escalation = { $level ->
    [1] 【催办】{ $code } 的{ $clock }时限 { $due_at } 已超期，请立即办理。
    [2] { $stand_in ->
        [yes] 【督办】{ $code } 的{ $clock }时限 { $due_at } 已超期一个工作日；该专班尚无分管领导，请办公室协调推进。
       *[no] 【督办】{ $code } 的{ $clock }时限 { $due_at } 已超期一个工作日，请分管领导关注。
    }
   *[3] 【超期通报】{ $code } 的{ $clock }时限 { $due_at } 已超期五个工作日，将列入本周通报。
}
notice-idle-nudge = 【进展提醒】{ $code } 已三个工作日没有进展记录，请补充进展或答复企业。
# 数量为 0 的行不显示；{"\u000A"} 是换行。
notice-digest = 【每日汇总】{ $overdue ->
        [0] {""}
       *[other] {"\u000A"}超期未办 { $overdue } 件：{ $overdue_list }
    }{ $direct ->
        [0] {""}
       *[other] {"\u000A"}新直报 { $direct } 件：{ $direct_list }
    }{ $supervised ->
        [0] {""}
       *[other] {"\u000A"}您督办的 { $supervised } 件：{ $supervised_list }
    }
notice-weekly = 【周报】{ $since } 至 { $until }
    { $table }{ $criticised_count ->
        [0] {""}
       *[other] {"\u000A"}超期通报：{ $criticised }
    }
notice-weekly-row = { $team }：在办 { $open }，超期 { $overdue }，本周新增 { $filed }，本周办结 { $closed }，按时办结率 { $on_time }，满意率 { $satisfaction }
notice-bundle = 【{ $count } 条新消息】
