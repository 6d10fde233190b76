## Officials: group posts, issue cards, lists, approvals, leaders, invites, settings
officials-only = Only government officials can do this.
sent-privately = Sent to you in a private message.

## Group posts
group-post-head = [{ $urgency }] { $code }
group-claim = Claim
group-details = Details
group-return = Return
group-post-signed = ✅ Claimed by { $name }
group-post-state = Now: { $state }
group-post-returned = { $code } was returned to the office by { $name }. Reason: { $reason }
group-claimed-toast = Claimed
team-ask-return-reason = Why does { $code } not belong to your task force? The office will dispatch it again:
team-returned = Returned: { $code } went back to the office for dispatch.

## Issue cards
card-head = { $code } · { $state } · { $urgency }
card-enterprise = Enterprise: { $name }
card-project = Project: { $name }
card-project-stage = Project: { $name } ({ $stage })
card-project-detail = Project: { $name } ({ $investment }, { $stage })
card-no-project = no particular project
card-investment = investment { $amount }
currency-cny = CNY
currency-usd = USD
stage-lead = lead
stage-negotiating = negotiating
stage-signed = signed
stage-under-way = under way
stage-landed = landed
card-task-force = Task force: { $name }
card-no-task-force = not dispatched
card-problem = Problem: { $text }
card-original-language = (the enterprise wrote in { $original })
original-zh = Chinese
original-en = English
original-ja = Japanese
original-ko = Korean
card-pending = Waiting for approval: { $kind }
card-pending-extension = extension
card-pending-transfer = transfer
card-supervised = A leader supervises this issue.
clock-sign = Sign
clock-reply = Reply
clock-resolve = Resolve
card-clock-due = { $clock } by { $due }
card-clock-met = { $clock }: done
card-clock-paused = { $clock }: paused (waiting for the enterprise)
card-timeline = Timeline:
card-timeline-text = { $at } { $what }: { $text }
card-reply = Reply to enterprise
card-ask = Ask for info
card-note = Note
card-extend = Extend
card-transfer = Transfer
card-resolve = Resolve
card-ask-reply = Type your reply to the enterprise ({ $code }):
card-ask-question = What should the enterprise add ({ $code })? The clocks pause while you wait:
card-ask-note = Type the progress note ({ $code }); only officials see it:
card-ask-resolution = Type the resolution ({ $code }); it is sent to the enterprise when you confirm:
card-confirm-resolution =
    Send this resolution to the enterprise ({ $code })?
    { $text }
card-confirm = Confirm and send
card-cancel = Cancel
card-cancelled = Cancelled.
card-need-text = Please answer in text, or send /cancel.
card-use-buttons = Please use the buttons above, or send /cancel.
card-replied = Your reply was sent to the enterprise ({ $code }).
card-asked = The enterprise was asked for information ({ $code }); the clocks are paused.
card-noted = Progress noted ({ $code }).
card-resolved = The resolution was sent to the enterprise ({ $code }); waiting for its confirmation.
card-ask-date = Type the new resolution date (YYYY-MM-DD, a working day); it is now { $due } ({ $code }):
card-bad-date = That is not a date after today. Type it as YYYY-MM-DD, for example 2026-12-30.
card-ask-extension-reason = Why does { $code } need until { $due }?
card-extension-requested = Extension requested ({ $code }, until { $due }); waiting for approval.
card-ask-team = Transfer { $code } to which task force?
card-ask-transfer-reason = Why should { $team } take { $code }?
card-transferred = Transferred ({ $code }).
card-transfer-requested = Transfer requested ({ $code }); waiting for the lead's approval.

## Lists
list-inbox = My open issues ({ $count }, next deadline first):
list-inbox-none = You have no open issues.
list-team = Open issues of my task forces ({ $count }):
list-team-none = Your task forces have no open issues.
list-no-team = You belong to no task force.
list-overdue = Overdue issues ({ $count }):
list-overdue-none = No issue is overdue.
list-more = Only the first { $shown } are shown.
list-item = { $code } · { $state } · { $due } ({ $left })
list-item-late = ⚠ { $code } · { $state } · late since { $due }
list-item-no-due = { $code } · { $state }

## Approvals
approval-extension =
    Extension request: { $code }
    Resolution due now: { $current }
    Asked for: { $due }
    Reason: { $reason }
approval-transfer =
    Transfer request: { $code }
    To: { $team }
    Reason: { $reason }
approval-none = { $code } has no request waiting for a decision.
approval-approve = Approve
approval-deny = Deny
approval-extension-approved = ✅ { $name } approved the extension of { $code }; resolution now due { $due }.
approval-transfer-approved = ✅ { $name } approved the transfer of { $code } to { $team }.
approval-denied = ❌ { $name } denied the request on { $code }.
approval-done = Done

## Leaders
leader-card-direct = [Direct report] { $head }
leader-instruct = Instruct
leader-supervise = Supervise
leader-details = Details
leader-ask-instruction = Type your instruction on { $code }; it goes at once to the handler and the task force:
leader-instructed = Your instruction was delivered ({ $code }).
leader-supervised = { $code } is under your supervision; its escalations now come to you.
leader-supervised-toast = Supervised
overview =
    Task forces at a glance:
    { $lines }
overview-line = { $name }: open { $open }, overdue { $overdue }, resolved on time { $on_time }, satisfaction { $rating }
overview-no-data = —
overview-none = You supervise no task force yet.
error-overview-not_allowed = Only city leaders and the offices see the overview.

## Invites
invite-choose-role = Invite someone as:
invite-choose-team = Which task force will the { $role } join?
invite-no-team = No task force yet
invite-issued =
    Invite created ({ $role }). Forward this to the person; they send it to this bot in a private chat:
    /start { $code }
    Valid until { $expires }, for one use only.

## Settings
settings =
    Notification settings
    Quiet hours: { $quiet }
    Muted: { $mute }
settings-quiet-default = default
settings-quiet-off = none
settings-quiet-range = { $start }–{ $end }
settings-quiet-none = No quiet hours
settings-muted-until = until { $until }
settings-not-muted = no
settings-mute-day = Mute 1 day
settings-mute-week = Mute 1 week
settings-unmute = Unmute
settings-saved = Saved
