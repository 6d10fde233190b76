## 通用
help-newcomer = 您好！这里是企业直报通道。企业用户请发送 /start 注册；政府工作人员请使用收到的邀请链接。
help =
    可用功能：
    { $commands }
    { $tail }
help-new = /new 反映新问题
help-my = /my 查看我的问题及办理进度
help-inbox = /inbox 我的待办和待审批的申请
help-team = /team 本专班办理中的问题
help-overdue = /overdue 超期问题
help-overview = /overview 各专班办理情况
help-invite = /invite 生成一次性邀请码，邀请他人加入
help-settings = /settings 免打扰与静音
help-lang = /lang 切换语言
help-cancel = /cancel 取消当前操作
help-tail-member = 直接发送文字也可以快速反映问题。
help-tail-official = 待办事项会通过工作群和私信推送给您。
help-tail-private = 需要您处理的事项会私信推送给您。
lang-choose = 请选择语言：
lang-name-zh = 中文
lang-name-en = English
lang-set = 已切换为中文。
need-registration = 请先发送 /start 完成企业注册。
cancel-nothing = 当前没有进行中的操作。
cancel-done = 已取消。
dismiss = 关闭
dismissed = 已关闭。
page-more = 更多（{ $page }/{ $pages }）
page-continued = 更多操作：
button-stale = 这个按钮已失效，请重新操作。
command-unknown = 暂不支持该命令，发送 /help 查看可用功能。
dialog-lost = 上次的操作已过期，请重新开始。
dialog-discarded = 之前未发送的内容（文字 { $parts } 条，附件 { $files } 个）已放弃。
error-generic = 操作未能完成，请稍后再试。
start-in-private = 请在与机器人的私聊中进行此操作。
start-welcome-back = { $name }，欢迎回来！发送 /help 查看可用功能。

## 角色
role-member = 企业用户
role-officer = 专班成员
role-lead = 专班负责人
role-leader = 分管领导
role-principal = 主要领导
role-office = 办公室值班
role-admin = 管理员

## 注册
reg-ask-name = 欢迎使用企业直报！请输入企业全称：
reg-need-text = 请用文字回复。
reg-ask-code = 请输入统一社会信用代码（18位）：
reg-ask-contact = 请输入联系人姓名：
reg-ask-phone = 请点击下方按钮，共享您的手机号码（发送 /cancel 可取消注册）。
reg-share-phone = 共享手机号码
reg-ask-phone-typed = 请输入您的手机号码（11位），例如 138 0000 0000：
reg-bad-phone = 这不是有效的手机号码。请点击下方按钮共享您的手机号码，或输入11位手机号码（发送 /cancel 可取消注册）。
reg-bad-phone-typed = 这不是有效的手机号码，未作任何更改。请输入11位中国大陆手机号码，例如 138 0000 0000：
reg-own-phone = 请共享您本人的手机号码（发送 /cancel 可取消注册）。
reg-done = 注册成功：{ $enterprise }。发送 /new 即可反映问题。
invite-joined-enterprise = { $name }，您已加入企业“{ $enterprise }”，发送 /new 即可反映问题。
invite-joined-official = { $name }，您已加入，身份：{ $roles }。
invite-joined-team = { $name }，您已加入{ $team }专班，身份：{ $roles }。

## 反映问题
offer-file = { $what ->
    [files] 要将收到的文件作为新问题反映吗？
    [several] 要将这些内容作为新问题反映吗？
   *[text] 要将这段文字作为新问题反映吗？
}
offer-supply = { $count ->
    [1] { $code } 正在等待您补充材料。要将刚才发送的内容补充到该问题，还是作为新问题反映？
   *[other] 您有 { $count } 个问题正在等待补充材料。要将刚才发送的内容补充到哪个问题，还是作为新问题反映？
}
offer-supply-to = 补充到 { $code }
offer-new-issue = 作为新问题反映
offer-yes = 是，反映问题
offer-no = 否
offer-declined = 好的，未提交。
offer-nothing = 如需反映问题，请直接描述遇到的困难（例如：项目用电报装迟迟没有批复），或发送 /new；发送 /help 查看全部功能。
filing-ask-project = 这个问题涉及哪个项目？
filing-project = { $name }
filing-no-project = 不涉及具体项目
filing-ask-description = 请描述遇到的问题，可以分几条发送，也可以附上照片或文件。发送完毕后点击“完成”。
filing-added =
    已收到（文字 { $parts } 条，附件 { $files } 个）。可继续补充，描述完毕请点击“完成”。
filing-done-button = 完成
filing-need-description = 请先用文字描述问题，照片和文件可一并发送。
filing-use-buttons = 请点击上方按钮继续，或点“取消”。
filing-kept-in-description = 已补充到问题描述（文字 { $parts } 条，附件 { $files } 个）。
filing-ask-task-force = 根据描述，以下专班可能负责此问题，请选择：
filing-task-force = { $name }
filing-not-sure = 不确定，由办公室分派
filing-ask-urgency = 问题是否紧急？
urgency-normal = 一般
urgency-urgent = 紧急
filing-summary = 
    请确认：
    { $text }
    附件：{ $files } 个
    项目：{ $project }
    问题类别：{ $category }
    紧急程度：{ $urgency }
filing-summary-no-project = 无项目
filing-editing = 已保留您的描述（文字 { $parts } 条，附件 { $files } 个）。可继续发送文字、照片或文件补充；也可以重新描述，或更改项目、紧急程度。改好后请点击“完成”。
filing-restart = 重新描述（清空已发送的内容）
filing-change-project = 更改项目
filing-change-urgency = 更改紧急程度
filing-submit = 提交
filing-edit = 修改
filing-cancel = 取消
filing-cancelled = 已取消，问题未提交。
filing-filed = 已受理，编号 { $code }。最近办理时限：{ $due }。可随时发送 /my 查看进度。

## 我的问题
my-none = 您目前没有办理中的问题。发送 /new 反映新问题。
my-list = 您的问题（{ $count } 个）：
my-issue = 
    { $code } · { $state }
    最近时限：{ $due }
    { $text }

    办理进程：
    { $timeline }
timeline-line = { $at } { $what }
my-confirm = 确认已解决
my-reject = 未解决
my-add-info = 补充材料
my-withdraw = 撤回
my-ask-info = 请发送要补充到 { $code } 的文字、照片或文件，可发送多条；全部发完后点“发送”。
my-ask-reject = 请说明尚未解决的情况（{ $code }）：
my-ask-withdraw = 请简要说明撤回原因（{ $code }）：
my-info-added = 已补充到 { $code }。
my-rejected = 已反馈，{ $code } 将重新办理。
my-withdrawn = 已撤回 { $code }。
my-confirmed-rate = 感谢确认！请为 { $code } 的办理情况评分：
my-rated = 感谢您的评价（{ $code }）。

## 菜单
menu-new = 反映新问题
menu-my = 我的问题
menu-settings = 提醒设置
menu-lang = 切换语言
menu-help = 帮助
menu-cancel = 取消当前操作
input-unsupported = 暂不支持这类消息。请发送文字、照片或文件。
input-too-fast = 消息发送过于频繁，请稍后再试。
group-hello = 您好，我是企业直报机器人。本群（编号 { $chat }）尚未设为专班的工作群：请管理员运行 zhibao taskforce group <专班代码> { $chat }，或由管理员、专班负责人把机器人移出后重新加入本群并选择专班。
## 对话的其他内容
reg-code-taken = 统一社会信用代码 { $code } 已由“{ $enterprise }”注册。如您是该企业员工，请该企业的管理员在本机器人中发送 /invite 生成邀请码，您收到后发送 /start 邀请码 即可加入。如代码输错，请重新输入：
new-for-enterprises = 反映问题是企业用户的功能。发送 /help 查看您可用的功能。
filing-ask-category = 这个问题属于哪一类？
filing-category = { $name }
filing-change-category = 更改类别
my-line = { $code } · { $state }
my-reopen = 重新办理
group-hello-offer = 您好，我是企业直报机器人。请选择本群是哪个专班的工作群：
group-hello-linked = 您好，本群是{ $team }专班的工作群，新问题会发到这里，点“签收”即可办理。
group-link-button = 设为{ $team }工作群
group-linked = 本群已设为{ $team }专班的工作群（{ $name } 设置），新问题会发到这里。

## 我的问题：进程中附带的文件
my-event-files = { $what }（附件 { $count } 个）
