## Messages pushed to people
notice-needs-dispatch = [To dispatch] { $code } ({ $enterprise }): { $excerpt }
notice-new-issue = [New issue] { $code } ({ $enterprise }): { $excerpt }
notice-assigned-to-you = [Please sign] { $code } ({ $enterprise }) is assigned to you: { $excerpt }
notice-reply = [Reply] { $code }: { $text }
notice-info-requested = [Information needed] { $code }: { $text }
notice-info-supplied = [Information added] { $code }: { $text }
notice-extension-requested = [Extension request] { $code }: { $text }
notice-transfer-requested = [Transfer request] { $code }: { $text }
notice-deadline-changed = [New deadline] { $code } is now due { $new_due }.
notice-request-approved = { $event ->
    [transferred] [Transfer approved] { $team } takes over { $code }.
   *[other] [Extension approved] { $code } is now due { $new_due }.
}
notice-request-denied = { $request ->
    [transfer] [Transfer request declined] { $code }: { $text }
   *[other] [Extension request declined] { $code }: { $text }
}
notice-returned = [Returned] { $code }: { $text }
notice-co-handling = [Please help] { $code } ({ $enterprise }): { $excerpt }
notice-answered = [Answer] { $code }: { $text }
    Is the problem solved?
notice-answer-rejected = [Not solved, says the enterprise] { $code }: { $text }
notice-confirmed = [Confirmed as solved] { $code }
notice-rate-request = Please rate how { $code } was handled:
notice-auto-closed = [Closed automatically] { $code }
notice-reopened = [Reopened] { $code }: { $text }
notice-reopened-by-office = [Issue reopened] The city reopened { $code }. Reason: { $text }
    The task force will work on it again and answer you when it is done.
notice-withdrawn = [Withdrawn by the enterprise] { $code }
notice-rejected = [Declined] { $code }: { $text }
notice-rated = [Rating] { $code }: { $score } star(s)
notice-instruction = [Leader's instruction] { $code } ({ $leader }): { $text }
notice-supervised = [Under a leader's supervision] { $code } ({ $leader })
notice-leader-unknown = a city leader
notice-direct-report = [Direct report] { $code } ({ $enterprise }): { $excerpt }
act-claim = Claim
act-details = Details
act-return = Return
act-approve = Approve
act-deny = Deny
act-instruct = Instruct
act-supervise = Supervise
notice-request-denied-plain = { $request ->
    [transfer] [Transfer request declined] { $code }
   *[other] [Extension request declined] { $code }
}
# Tells the admins which kind of message about which issue failed ($title is the template's name), to whom.
notice-delivery-failed = [Delivery failed] { $title ->
        [needs_dispatch] [To dispatch]
        [new_issue] [New issue]
        [assigned_to_you] [Please sign]
        [reply] [Reply]
        [info_requested] [Information needed]
        [info_supplied] [Information added]
        [extension_requested] [Extension request]
        [transfer_requested] [Transfer request]
        [deadline_changed] [New deadline]
        [request_approved] [Request approved]
        [request_denied] [Request declined]
        [returned] [Returned]
        [co_handling] [Please help]
        [answered] [Answer]
        [answer_rejected] [Not solved, says the enterprise]
        [confirmed] [Confirmed as solved]
        [rate_request] [Please rate]
        [auto_closed] [Closed automatically]
        [reopened] [Reopened]
        [reopened_by_office] [Issue reopened]
        [withdrawn] [Withdrawn by the enterprise]
        [rejected] [Declined]
        [rated] [Rating]
        [instruction] [Leader's instruction]
        [supervised] [Under a leader's supervision]
        [direct_report] [Direct report]
        [reminder] [Deadline near]
        [escalation] [Overdue]
        [idle_nudge] [No progress]
        [digest] [Daily summary]
        [weekly] [Weekly summary]
        [file] a file
        [refresh] a card update
        [kept_reply] a chat reply
       *[other] a message
    }{ $issue ->
        [none] {""}
       *[other] {" "}about { $issue }
    } could not reach { $recipient }: { $error }
