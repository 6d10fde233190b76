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
notice-withdrawn = [Withdrawn by the enterprise] { $code }
notice-rejected = [Declined] { $code }: { $text }
notice-rated = [Rating] { $code }: { $score } star(s)
notice-instruction = [Leader's instruction] { $code }: { $text }
notice-supervised = [Under a leader's supervision] { $code }
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
