## General
help-newcomer = Hello! This is the enterprises' direct line to the city. Enterprises: send /start to register. Officials: use the invite link you received.
help =
    What you can do:
    { $commands }
    { $tail }
help-new = /new report a new issue
help-my = /my see your issues and their progress
help-inbox = /inbox your open issues and requests to decide
help-team = /team open issues of your task forces
help-overdue = /overdue overdue issues
help-overview = /overview task forces at a glance
help-invite = /invite invite someone to join (a one-time code)
help-settings = /settings quiet hours and muting
help-lang = /lang change the language
help-cancel = /cancel stop what you are doing
help-tail-member = You can also just write to report an issue quickly.
help-tail-official = Work for you arrives in your task force's group and in private messages.
help-tail-private = Work for you arrives in private messages.
lang-choose = Choose your language:
lang-name-zh = 中文
lang-name-en = English
lang-set = Language set to English.
need-registration = Please register your enterprise first: send /start.
cancel-nothing = There is nothing to cancel.
cancel-done = Cancelled.
dismiss = Close
dismissed = Closed.
page-more = More ({ $page }/{ $pages })
page-continued = More actions:
button-stale = This button is no longer valid; please start again.
command-unknown = I don't know that command. Send /help to see what I can do.
dialog-lost = What you were doing has expired; please start again.
dialog-discarded = What you had not sent yet ({ $parts } message(s), { $files } file(s)) was discarded.
error-generic = That didn't work; please try again later.
start-in-private = Please do this in a private chat with the bot.
start-welcome-back = Welcome back, { $name }! Send /help to see what you can do.

## Roles
role-member = enterprise member
role-officer = task-force officer
role-lead = task-force lead
role-leader = supervising leader
role-principal = principal leader
role-office = office duty desk
role-admin = administrator

## Registration
reg-ask-name = Welcome to the direct line! What is your enterprise's full registered name?
reg-need-text = Please answer in text.
reg-ask-code = What is its unified social credit code (18 characters)?
reg-ask-contact = What is the contact person's name?
reg-ask-phone = Please press the button below to share your phone number (/cancel stops the registration).
reg-share-phone = Share my phone number
reg-ask-phone-typed = Please type your mobile number (11 digits), for example 138 0000 0000:
reg-bad-phone = That is not a valid mobile number. Please press the button below to share your phone number, or type your 11-digit mobile number (/cancel stops the registration).
reg-bad-phone-typed = That is not a valid mobile number; nothing was changed. Please type an 11-digit mainland China mobile number, for example 138 0000 0000:
reg-own-phone = Please share your own phone number (/cancel stops the registration).
reg-done = { $enterprise } is registered. Send /new to report an issue.
invite-joined-enterprise = Welcome, { $name }: you have joined the enterprise { $enterprise }; send /new to report an issue.
invite-joined-official = Welcome, { $name }: you have joined as { $roles }.
invite-joined-team = Welcome, { $name }: you have joined the task force { $team } as { $roles }.

## Reporting an issue
offer-file = { $what ->
    [files] Shall I file what you sent as a new issue?
    [several] Shall I file all this as a new issue?
   *[text] Shall I file this as a new issue?
}
offer-supply = { $count ->
    [1] { $code } is waiting for your information. Shall I add what you just sent to it, or file it as a new issue?
   *[other] { $count } of your issues are waiting for your information. Which one shall I add what you just sent to, or shall I file it as a new issue?
}
offer-supply-to = Add to { $code }
offer-new-issue = File as a new issue
offer-yes = Yes, file it
offer-no = No
offer-declined = All right, nothing was filed.
offer-nothing = To report a problem, just describe it (for example: our power connection has not been approved for weeks), or send /new; /help shows everything I can do.
filing-ask-project = Which project is this about?
filing-project = { $name }
filing-no-project = No particular project
filing-ask-description = Describe the problem: in one or several messages, with photos or files if useful. Press "Done" when you have finished.
filing-added =
    Received ({ $parts } text(s), { $files } file(s)). Add more, or press "Done" when you have finished.
filing-done-button = Done
filing-need-description = Please describe the problem in words first; photos and files may go with it.
filing-use-buttons = Please use the buttons above to continue, or press "Cancel".
filing-kept-in-description = Added to the description ({ $parts } message(s), { $files } file(s) so far).
filing-ask-task-force = From your description, these task forces may be responsible. Please choose:
filing-task-force = { $name }
filing-not-sure = Not sure: let the office decide
filing-ask-urgency = Is it urgent?
urgency-normal = Normal
urgency-urgent = Urgent
filing-summary = 
    Please check:
    { $text }
    Files: { $files }
    Project: { $project }
    Category: { $category }
    Urgency: { $urgency }
filing-summary-no-project = none
filing-editing = Your description is kept ({ $parts } text(s), { $files } file(s)). Send more text, photos or files to add to it, start it over, or change the project or the urgency. Press "Done" when you are ready.
filing-restart = Start the description over (clears it)
filing-change-project = Change the project
filing-change-urgency = Change the urgency
filing-submit = Submit
filing-edit = Edit
filing-cancel = Cancel
filing-cancelled = Cancelled; nothing was filed.
filing-filed = Filed as { $code }. Next deadline: { $due }. Send /my at any time to follow it.

## My issues
my-none = You have no open issues. Send /new to report one.
my-list = Your issues ({ $count }):
my-issue = 
    { $code } · { $state }
    Next deadline: { $due }
    { $text }

    Progress:
    { $timeline }
timeline-line = { $at } { $what }
my-confirm = Solved
my-reject = Not solved
my-add-info = Add information
my-withdraw = Withdraw
my-ask-info = Send the text, photos or files to add to { $code }, in as many messages as you like; press "Send" when it is all there.
my-ask-reject = Please say what is still unsolved ({ $code }):
my-ask-withdraw = Please say briefly why you withdraw { $code }:
my-info-added = Added to { $code }.
my-rejected = Noted: { $code } will be worked on again.
my-withdrawn = { $code } has been withdrawn.
my-confirmed-rate = Thank you! Please rate how { $code } was handled:
my-rated = Thank you for your rating ({ $code }).

## Menu
menu-new = Report a new issue
menu-my = My issues
menu-settings = Notification settings
menu-lang = Change the language
menu-help = Help
menu-cancel = Stop what you are doing
input-unsupported = I can't use this kind of message. Please send text, photos or files.
input-too-fast = You are sending messages too fast; please wait a minute.
group-hello = Hello, I am the direct-line bot. This group (id { $chat }) is no task force's work group yet: an administrator can run zhibao taskforce group <code> { $chat }, or an administrator or a task force's lead can remove me and add me again to choose the task force.
## More of the dialogs
reg-code-taken = The unified social credit code { $code } is already registered, by "{ $enterprise }". If you work there, ask its administrator to send /invite to this bot and give you the code; then send /start followed by that code to join. If you mistyped it, type the code again:
new-for-enterprises = Reporting problems is for enterprises. Send /help to see what you can do.
filing-ask-category = What kind of problem is it?
filing-category = { $name }
filing-change-category = Change category
my-line = { $code } · { $state }
my-reopen = Reopen
group-hello-offer = Hello, I am the direct-line bot. Which task force's work group is this?
group-hello-linked = Hello, this is the work group of { $team }: new issues are posted here, and "Claim" takes one on.
group-link-button = Make it { $team }'s group
group-linked = This group is now the work group of { $team } (set by { $name }); new issues are posted here.

## My issues: files that came with a step
my-event-files = { $what } ({ $count } { $count ->
        [one] file
       *[other] files
    })
