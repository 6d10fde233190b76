## What the sweep, the reports and the dispatcher send
notice-reminder = [Deadline near] The { $clock } deadline of { $code } is { $due_at }.
notice-escalation = { $level ->
    [1] [Overdue] The { $clock } deadline of { $code } ({ $due_at }) has passed: please act now.
    [2] { $stand_in ->
        [yes] [Supervision] The { $clock } deadline of { $code } ({ $due_at }) passed a working day ago; its task force has no supervising leader, so the office is asked to see it through.
       *[no] [Supervision] The { $clock } deadline of { $code } ({ $due_at }) passed a working day ago.
    }
   *[3] [Public criticism] The { $clock } deadline of { $code } ({ $due_at }) passed five working days ago; it goes into this week's criticism list.
}
notice-idle-nudge = [No progress] { $code } has had no progress note for three working days: add one or answer the enterprise.
# A line whose count is 0 is left out; {"\u000A"} is a line break.
notice-digest = [Daily summary]{ $overdue ->
        [0] {""}
       *[other] {"\u000A"}Overdue ({ $overdue }): { $overdue_list }
    }{ $direct ->
        [0] {""}
       *[other] {"\u000A"}New direct reports ({ $direct }): { $direct_list }
    }{ $supervised ->
        [0] {""}
       *[other] {"\u000A"}Under your supervision ({ $supervised }): { $supervised_list }
    }
notice-weekly = [Weekly summary] { $since } to { $until }
    { $table }{ $criticised_count ->
        [0] {""}
       *[other] {"\u000A"}Listed for criticism: { $criticised }
    }
notice-weekly-row = { $team }: open { $open }, overdue { $overdue }, new { $filed }, closed { $closed }, on time { $on_time }, satisfied { $satisfaction }
notice-bundle = [{ $count } updates]
