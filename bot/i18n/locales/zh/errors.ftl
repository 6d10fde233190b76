## 拒绝与错误提示
error-credit_code-length = 统一社会信用代码应为18位，请核对后重新输入。
error-credit_code-character = 统一社会信用代码第 { $position } 位的“{ $character }”不是有效字符，请核对。
error-credit_code-division = 统一社会信用代码第3至8位应为行政区划数字，请核对。
error-credit_code-check = 统一社会信用代码的校验位不正确，请核对后重新输入。
error-input-required = 内容不能为空。
error-input-too_long = 内容过长，请精简后再发送。
error-input-bad_name = 名称应为一行文字，且不超过200字。
error-input-too_many_attachments = 附件过多，每次最多 { $limit } 个。
error-input-attachment_kind = 仅支持照片和文件。
error-input-attachment_too_large = 文件超过{ $megabytes }MB，无法转交，请压缩后再发送。
error-enterprise-exists = 该企业已注册，请联系本企业管理员获取邀请链接。
error-enterprise-already_member = 您已属于一家企业。
error-enterprise-not_found = 未找到该企业。
error-identity-taken = 该账号已被其他人使用。
error-invite-unknown = 邀请码无效。
error-invite-used = 该邀请已被使用，每个邀请只能使用一次。请向邀请您的人索取新的邀请。
error-invite-used_by_you = 您已通过这个邀请加入，无需再次使用。发送 /help 查看您可用的功能。
error-invite-expired = 该邀请已过期。请向邀请您的人索取新的邀请。
error-invite-member_official = 企业用户不能使用政府工作人员邀请。
error-invite-official_member = 政府工作人员不能加入企业。
error-invite-other_enterprise = 您已属于另一家企业。
error-invite-not_allowed = 您无权发出此类邀请。
error-invite-needs_task_force = 此类邀请需要指定专班。
error-invite-needs_enterprise = 此类邀请需要指定企业。
error-invite-task_force_role = 此类邀请不能指定专班。
error-issue-not_found = 未找到该问题。
error-issue-not_allowed = 您无权进行此操作。
error-issue-wrong_state = { $code } 现为“{ $state ->
        [filed] 已受理
        [assigned] 已派单
        [acknowledged] 已签收
        [in_progress] 办理中
        [waiting_enterprise] 待补充材料
        [answered] 已答复
        [returned] 已退回
        [closed] 已办结
        [withdrawn] 已撤回
        [rejected] 不予受理
       *[other] 当前状态
    }”，不能再进行此操作。
error-issue-already_claimed = 该问题已被其他同事签收。
error-issue-assigned_to_other = 该问题已指定由其他同事办理。
error-issue-file_not_member = 只有企业用户可以反映问题。
error-issue-unknown_category = 问题类别无效。
error-issue-reopen_expired = 办结超过30天的问题不能重新办理，请反映新问题。
error-issue-already_rated = 该问题已评价过。
error-issue-already_supervised = 您已在督办该问题。
error-issue-already_direct = 该问题已列入直报。
error-issue-concurrent_update = 该问题刚被他人更新，请重试。
error-rating-range = 评分应为1至5分。
error-request-none = 没有待审批的申请。
error-request-pending = 已有申请待审批。
error-extension-not_later = 新时限须晚于当前时限。
error-extension-over_cap = 新时限超出最长期限。
error-extension-not_workday = 新时限须为工作日。
error-transfer-same_task_force = 该问题已在此专班。
error-co_handler-duplicate = 该专班已参与办理。
error-task_force-not_found = 未找到该专班。
error-task_force-unstaffed = { $team }专班还没有成员，无人能签收。请选择其他专班，或先邀请该专班的成员（zhibao invite create --role officer --task-force { $code }）。
error-project-not_found = 未找到该项目。
error-project-not_allowed = 您无权为该企业添加项目。
error-assign-not_officer = 此人不是本专班成员。
error-assign-already_named = 已指定此人签收 { $code }，无需重复指派。
error-person-not_found = 未找到该用户。
error-person-admin_only = 只有管理员可以添加政府工作人员。
error-person-bad_key = 标识只能使用小写字母、数字、连字符和下划线。
error-person-bad_phone = 电话号码格式不正确。
error-person-bad_roles = 请指定一个或多个政府工作人员角色。
error-person-key_taken = 该标识已被使用。
error-person-task_force_role = 只有专班成员、负责人和分管领导可以关联专班。
error-project-bad_investment = 投资额应为不小于零的人民币或美元金额，最多两位小数。
error-project-bad_stage = 项目阶段无效。
error-project-flag_admin_only = 只有管理员可以将项目标记为市级统筹项目。
error-project-unknown_industry = 未知的产业类别。
error-task_force-exists = 该专班已存在。
error-issue-already_filed = 这个问题已经提交过了，发送 /my 查看。
error-enterprise-admin_only = 只有管理员可以添加企业。
error-person-task_force_needed = 专班成员和专班负责人需要指定所在专班。
error-task_force-bad_chat = 群编号无效。
error-task_force-group_taken = 这个群已是其他专班的工作群，请先在那个专班解除。
error-task_force-link_not_allowed = 只有管理员或该专班负责人可以设置专班的工作群。
error-task_force-bad_channel = 没有这个渠道：{ $value }
error-person-bad_channel = 没有这个渠道：{ $value }
error-person-channel_not_allowed = 只有管理员或本人可以选择接收消息的渠道。
error-person-channel_not_joined = { $name }尚未在该渠道（{ $channel }）上使用本机器人。
error-invite-person_joined = { $name }已经加入，此邀请不能再用。如果您是{ $name }并换了账号，请联系管理员。
error-invite-person_chat_taken = 此账号已属于{ $holder }，而该邀请是给{ $name }的，未作任何更改。请{ $name }用自己的账号打开邀请。
error-invite-person_unknown = 查无此人。
error-invite-person_not_official = { $name }不是政府工作人员；企业人员请通过本企业加入。
