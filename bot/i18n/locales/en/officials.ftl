## Officials: group posts, issue cards, lists, approvals, leaders, invites, settings
officials-only = Only government officials can do this.
sent-privately = Sent to you in a private message.

## Group posts
group-post-head = [{ $urgency }] { $code }
group-post-signed = Claimed by { $name }
group-post-state = Now: { $state }
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
card-supervised = { $name } supervises this issue.
clock-sign = Sign
clock-reply = Reply
clock-resolve = Resolve
card-clock-due = { $clock } by { $due }
card-clock-met = { $clock }: done
card-clock-paused = { $clock }: paused (waiting for the enterprise's information)
card-clock-confirming = { $clock }: paused (waiting for the enterprise to confirm)
card-clock-withdrawn = { $clock }: stopped (withdrawn by the enterprise)
card-clock-rejected = { $clock }: stopped (not accepted)
card-instruction = Leader's instruction ({ $name }, { $at }): { $text }
card-dispatch-note = The office's note: { $text }
card-timeline = Timeline:
card-timeline-text = { $at } { $what }: { $text }
card-ask-reply = Type your reply to the enterprise ({ $code }): in one or several messages, with photos or files if useful; press "Send" when it is complete.
card-ask-question = What should the enterprise add ({ $code })? Photos or files may go with your question; press "Send" when it is complete. The clocks pause while the enterprise answers.
card-ask-note = Type the progress note ({ $code }); only officials see it:
card-ask-resolution = Type the resolution ({ $code }), with photos or files if useful; "Send" sends it to the enterprise, which is then asked to confirm.
card-need-text = Please answer in text, or send /cancel.
card-replied = Your reply was sent to the enterprise ({ $code }).
card-asked = The enterprise was asked for information ({ $code }); the clocks are paused.
card-noted = Progress noted ({ $code }).
card-resolved = The resolution was sent to the enterprise ({ $code }); waiting for its confirmation.
card-ask-date = Choose the new resolution date, or type one (such as 2026-12-30). It is now due { $due }; the latest allowed is { $latest } ({ $code }):
card-bad-date = That date could not be read. Press one of the dates below, or type it as 2026-12-30.
card-ask-extension-reason = Why does { $code } need until { $due }?
card-extension-requested = Extension requested ({ $code }, until { $due }); waiting for { $approver ->
        [leader] the supervising city leader
        [office] the office (the task force has no lead)
        [office_for_leader] the office (the task force has no supervising city leader)
       *[lead] the task force lead
    } to approve.
card-ask-team = Transfer { $code } to which task force?
card-ask-transfer-reason = Why should { $team } take { $code }?
card-transferred = Transferred ({ $code }).
card-transfer-requested = Transfer requested ({ $code }); waiting for { $approver ->
        [office] the office (the task force has no lead)
       *[lead] the task force lead
    } to approve.

## Lists
list-inbox = My open issues ({ $count }; requests to decide and issues to dispatch first, then by deadline):
list-inbox-none = You have no open issues and no requests to decide.
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
    Asked by: { $name }
    Resolution due now: { $current }
    Asked for: { $due }
    Reason: { $reason }
approval-transfer = 
    Transfer request: { $code }
    Asked by: { $name }
    To: { $team }
    Reason: { $reason }
approval-none = { $code } has no request waiting for a decision.
approval-extension-approved = { $name } approved the extension of { $code }; resolution now due { $due }.
approval-transfer-approved = { $name } approved the transfer: { $team } takes over { $code }.
approval-denied = { $name } denied the request on { $code }.
approval-denied-why = { $name } denied the request on { $code }: { $reason }
approval-ask-deny-reason = Why do you decline the request on { $code }? The requester will read it:
approval-done = Done

## Leaders
leader-ask-instruction = Type your instruction on { $code }; it goes at once to the handler and the task force:
leader-instructed = Your instruction was delivered ({ $code }).
leader-supervised = { $code } is under your supervision; its escalations now come to you.
leader-supervised-toast = Supervised
overview =
    Task forces at a glance:
    { $lines }
overview-line = { $name }: open { $open }, overdue { $overdue }, resolved on time { $on_time }, satisfied { $satisfaction }
# Satisfied: the share of rated issues rated 4 or 5 stars.
overview-satisfaction = { $rate } (average rating { $average })
overview-no-data = —
overview-idle = Nothing handled yet: { $names }
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
invite-issued-link =
    Invite created ({ $role }). Forward this link to the person; they open it and press Start to join:
    { $link }
    Or they send this to the bot in a private chat:
    /start { $code }
    Valid until { $expires }, for one use only.
invite-role-team = { $role }, { $team }

## Settings
settings =
    Notification settings
    Quiet hours: { $quiet }
    Muted: { $mute }
settings-quiet-default = default ({ $hours })
settings-quiet-off = none
settings-quiet-range = { $start }–{ $end }
settings-quiet-none = No quiet hours
settings-muted-until = until { $until }
settings-not-muted = no
settings-mute-day = Mute 1 day
settings-mute-week = Mute 1 week
settings-unmute = Unmute
settings-saved = Saved
## What cards are made of
group-post-named = Named: { $name }, to claim it
group-post-moved = Now with { $team }
group-post-back-to-desk = Returned to the office, to be dispatched again
card-kind-new = [New issue] { $head }
card-kind-assigned = [Yours to claim] { $head }
card-kind-direct = [Direct report] { $head }
card-kind-desk = [To dispatch] { $head }
card-kind-cohandle = [Please help] { $head }
card-gone = { $code } is no longer in your hands (now with { $team }).
card-gone-desk = { $code } is no longer in your hands (back at the office, to be dispatched again).
card-assignee = Handled by: { $name }
card-named = Named to claim it: { $name }
card-co-handlers = Helping: { $names }
list-separator = {", "}
card-clock-overdue = ⚠ { $clock } was due { $due }: overdue
card-clock-stopped = { $clock }: stopped
card-clock-uncovered = ⚠ No holiday data for { $year } yet: this deadline counts Monday to Friday as working days.
card-files = Files: { $count } (Details sends them again)
card-files-group = Files: { $count }; press Details to get them in private
card-returned-by = Returned by { $name }: { $reason }
card-timeline-cut = (the latest { $shown } of { $total } entries)
timeline-by = { $what } ({ $name })
file-caption = { $code } file { $number } of { $total } { $name }
dialog-cancel = Cancel

## Actions on an issue
act-reply = Reply to enterprise
act-ask = Ask for info
act-note = Note
act-resolve = Resolve
act-extend = Extend
act-transfer = Transfer
act-co-handle = Ask for help
act-assign = Name who claims
act-reject = Decline
act-reopen = Reopen
act-direct-report = Direct report
act-dispatch = Dispatch
act-dispatch-other = Another task force
act-dispatch-to = To { $name }
act-open = Open
draft-reply =
    Your reply to the enterprise ({ $code }):
    { $text }
    Files: { $files }
    Add more, or press "Send" when it is complete.
draft-question =
    What you ask the enterprise for ({ $code }):
    { $text }
    Files: { $files }
    Add more, or press "Send" when it is complete.
draft-resolution =
    The resolution for the enterprise ({ $code }):
    { $text }
    Files: { $files }
    Add more, or press "Send" when it is complete.
draft-info =
    What you add to { $code }:
    { $text }
    Files: { $files }
    Send more, or press "Send" when it is all there.
draft-send = Send
draft-need-content = Please send text, photos or files.
draft-need-words = Please add a few words first ({ $code }); the photos and files go with them.
draft-no-words = (no words yet)
extension-day = { $day }
extension-day-uncovered = { $day } (holidays unknown)
extension-uncovered = Note: there is no holiday data for { $years } yet. Dates marked "holidays unknown" count Monday to Friday as working days and may fall on a holiday.
extension-none-left = { $code } is already due on the latest date allowed, { $latest }: it cannot be extended.
extension-refused = { $reason } Please choose another date.
extension-not-later = { $day } is not after the current deadline, { $due }.
extension-over-cap = { $day } is beyond the longest allowed; the latest is { $latest }.
extension-not-workday = { $day } is not a working day.
card-ask-officer = Who should claim { $code }?
card-ask-co-handler = Which task force should help with { $code }?
desk-ask-team = Dispatch { $code } to which task force?
pick-person = { $name }
pick-team = { $name }
pick-team-none = No task force is left to choose ({ $code }).
card-assigned = { $name } is named to claim { $code }.
card-co-handling = { $team } is asked to help with { $code }.
card-direct-reported = { $code } is a direct report now: city leaders and the offices receive it.
desk-dispatched = { $code } was dispatched: { $team } handles it now.
desk-ask-reject-reason = Why is { $code } declined? The enterprise reads this reason:
desk-rejected = { $code } was declined; the enterprise has the reason.
ask-reopen-reason = Why should { $code } be worked on again?
reopened = { $code } is being worked on again.
decided-extension = You approved the extension of { $code }.
decided-transfer = You approved the transfer of { $code }.
decided-denied = You declined the request on { $code }.
list-waits-for-dispatch = { $state }, to dispatch

## A pending request on a card: what is asked, why and by whom
card-pending-extension-asked = 
    Waiting for approval: extension (asked by { $name })
    Asked for: { $due }
    Reason: { $reason }
card-pending-transfer-asked = 
    Waiting for approval: transfer (asked by { $name })
    To: { $team }
    Reason: { $reason }
## Inbox: requests waiting for my decision
list-item-decide = { $code } · for you to decide: { $kind }
