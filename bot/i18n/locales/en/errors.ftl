## Refusals and errors
error-credit_code-length = A unified social credit code has 18 characters; please check it and try again.
error-credit_code-character = Character { $position } of the credit code, "{ $character }", is not valid; please check it.
error-credit_code-division = Characters 3 to 8 of the credit code are the administrative division and must be digits; please check it.
error-credit_code-check = The credit code's check character is wrong; please check it and try again.
error-input-required = This cannot be empty.
error-input-too_long = That is too long; please shorten it.
error-input-bad_name = A name is one line of at most 200 characters.
error-input-too_many_attachments = Too many files: at most { $limit } at a time.
error-input-attachment_kind = Only photos and documents can be attached.
error-input-attachment_too_large = That file is larger than { $megabytes } MB and cannot be passed on; please compress it.
error-enterprise-exists = This enterprise is registered already; ask its administrator for an invite link.
error-enterprise-already_member = You already belong to an enterprise.
error-enterprise-not_found = No such enterprise.
error-identity-taken = This account is used by someone else.
error-invite-unknown = This invite code is not valid.
error-invite-used = This invite has been used already: each works once. Please ask whoever invited you for a new one.
error-invite-used_by_you = You joined with this invite already; there is nothing more to do. Send /help to see what you can use.
error-invite-expired = This invite has expired. Please ask whoever invited you for a new one.
error-invite-member_official = Enterprise members cannot use an invite for officials.
error-invite-official_member = Officials cannot join an enterprise.
error-invite-other_enterprise = You belong to another enterprise.
error-invite-not_allowed = You may not issue this kind of invite.
error-invite-needs_task_force = This kind of invite needs a task force.
error-invite-needs_enterprise = This kind of invite needs an enterprise.
error-invite-task_force_role = This kind of invite takes no task force.
error-issue-not_found = No such issue.
error-issue-not_allowed = You may not do that.
error-issue-wrong_state = { $code } is now { $state ->
        [filed] received
        [assigned] sent to a task force
        [acknowledged] signed for
        [in_progress] in progress
        [waiting_enterprise] waiting for the enterprise's information
        [answered] answered
        [returned] returned
        [closed] closed
        [withdrawn] withdrawn
        [rejected] declined
       *[other] in another state
    }: that can no longer be done.
error-issue-already_claimed = A colleague has signed for this issue already.
error-issue-assigned_to_other = This issue is assigned to a colleague.
error-issue-file_not_member = Only enterprise members can report issues.
error-issue-unknown_category = That category is not valid.
error-issue-reopen_expired = Issues closed more than 30 days ago cannot be reopened; please report a new one.
error-issue-already_rated = This issue has been rated already.
error-issue-already_supervised = You supervise this issue already.
error-issue-already_direct = This issue is reported directly already.
error-issue-concurrent_update = Someone has just updated this issue; please try again.
error-rating-range = A rating is from 1 to 5.
error-request-none = There is no request waiting for a decision.
error-request-pending = A request is already waiting for a decision.
error-extension-not_later = The new deadline must be later than the current one.
error-extension-over_cap = The new deadline is beyond the longest allowed.
error-extension-not_workday = The new deadline must be a working day.
error-transfer-same_task_force = The issue is with that task force already.
error-co_handler-duplicate = That task force is helping already.
error-task_force-not_found = No such task force.
error-task_force-unstaffed = { $team } has no officers yet, so nobody could sign for the issue. Choose another task force, or invite its officers first (zhibao invite create --role officer --task-force { $code }).
error-project-not_found = No such project.
error-project-not_allowed = You may not add projects to this enterprise.
error-assign-not_officer = That person is not an officer of this task force.
error-assign-already_named = That officer is named to claim { $code } already.
error-person-not_found = No such person.
error-person-admin_only = Only an administrator may add officials.
error-person-bad_key = A key uses lowercase letters, digits, hyphens and underscores only.
error-person-bad_phone = That is not a phone number.
error-person-bad_roles = Give one or more official roles.
error-person-key_taken = That key is taken.
error-person-task_force_role = Only officers, leads and supervising leaders belong to task forces.
error-project-bad_investment = An investment is a non-negative amount in CNY or USD, with at most two decimals.
error-project-bad_stage = That project stage is not valid.
error-project-flag_admin_only = Only an administrator may mark a project as city-coordinated.
error-project-unknown_industry = That industry is not known.
error-task_force-exists = That task force exists already.
error-issue-already_filed = This issue has been filed already; send /my to see it.
error-enterprise-admin_only = Only an administrator may add enterprises.
error-person-task_force_needed = Officers and leads need the task force they belong to.
error-task_force-bad_chat = That is not a group id.
error-task_force-group_taken = This group is another task force's work group already; unlink it there first.
error-task_force-link_not_allowed = Only an administrator or the task force's lead may set its work group.
error-task_force-bad_channel = No such channel: { $value }
error-person-bad_channel = No such channel: { $value }
error-person-channel_not_allowed = Only an admin or the person themselves may choose the channel their messages come on.
error-person-channel_not_joined = { $name } does not use the bot on that channel ({ $channel }) yet.
error-invite-person_joined = { $name } has joined already, so this invite cannot be used. If you are { $name } on a new account, ask the administrator for help.
error-invite-person_chat_taken = This account already belongs to { $holder }, and the invite is for { $name }; nothing was changed. { $name } should open the invite on their own account.
error-invite-person_unknown = This person is not known.
error-invite-person_not_official = { $name } is not an official; enterprise staff join through their enterprise.
