// The volunteers module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const volunteersMessages = {
  VOLUNTEER_TEAM_NOT_FOUND: { zh: '志愿服务队不存在', en: 'No such volunteer team' },
  VOLUNTEER_TEAM_NAME_TAKEN: { zh: '该区域已有同名的志愿服务队', en: 'A volunteer team of that name already exists here' },
  VOLUNTEER_TEAM_ORG_KIND: { zh: '志愿服务队须设在街道、社区、村或网格', en: 'A volunteer team belongs to a street, community, village or grid' },
  VOLUNTEER_TEAM_ALREADY_MEMBER: { zh: '已是该服务队队员', en: 'Already a member of this team' },
  VOLUNTEER_TEAM_MEMBER_NOT_FOUND: { zh: '该人员不是本队队员', en: 'This person is not a member of the team' },
  VOLUNTEER_NOT_FOUND: { zh: '该人员还不是志愿者', en: 'This person is not a volunteer' },
  ACTIVITY_NOT_FOUND: { zh: '志愿活动不存在', en: 'No such volunteer activity' },
  ACTIVITY_ORG_KIND: { zh: '志愿活动须由街道、社区、村或网格组织', en: 'An activity is run by a street, community, village or grid' },
  ACTIVITY_TEAM_OUTSIDE: { zh: '服务队不属于该活动所在区域', en: 'The team does not belong to the area of the activity' },
  ACTIVITY_TIME_INVALID: { zh: '活动时间有误：{reason}', en: 'Invalid activity time: {reason}' },
  ACTIVITY_SKILL_NEEDS_EXCEED: { zh: '各技能所需人数之和超过名额 {capacity}', en: 'The skill needs add up to more than the {capacity} seats' },
  ACTIVITY_CAPACITY_BELOW_CONFIRMED: { zh: '已有 {confirmed} 人报名成功，名额不能少于此数', en: '{confirmed} people have seats; the capacity cannot be lower' },
  ACTIVITY_CANCELLED: { zh: '该活动已取消', en: 'This activity has been cancelled' },
  ACTIVITY_STARTED: { zh: '活动已开始，不能{action}', en: 'The activity has started; you cannot {action}' },
  ACTIVITY_ENDED: { zh: '活动已结束，不能{action}', en: 'The activity has ended; you cannot {action}' },
  ACTIVITY_ALREADY_SIGNED_UP: { zh: '您已报名该活动', en: 'You have already signed up for this activity' },
  ACTIVITY_NOT_SIGNED_UP: { zh: '{reason}', en: 'Not signed up with a seat: {reason}' },
  ACTIVITY_SIGNUP_NOT_FOUND: { zh: '报名记录不存在', en: 'No such sign-up' },
  ACTIVITY_SIGNUP_CANCELLED: { zh: '该报名已取消', en: 'This sign-up is already cancelled' },
  ACTIVITY_SIGNUP_ATTENDED: { zh: '已签到，不能取消报名', en: 'Already checked in; the sign-up cannot be cancelled' },
  ACTIVITY_CODE_INVALID: { zh: '签到码无效：不是本活动的签到码，请扫描本活动现场屏幕上的二维码', en: 'This code is not for this activity; scan the QR code shown at this activity' },
  ACTIVITY_CODE_EXPIRED: { zh: '签到码已过期，请扫描现场屏幕上最新的二维码', en: 'This code has expired; scan the latest QR code on the screen' },
  ACTIVITY_CHECK_IN_CLOSED: { zh: '现在不能签到：{reason}', en: 'Check-in is not open: {reason}' },
  ACTIVITY_CHECK_IN_NOT_YET: { zh: '签到将于 {opensAt}（北京时间，活动开始前 1 小时）开放，请到时再扫码', en: 'Check-in opens at {opensAt} (Beijing time, an hour before the start); scan again then' },
  ACTIVITY_ALREADY_CHECKED_IN: { zh: '您已签到', en: 'You have already checked in' },
  ACTIVITY_NOT_CHECKED_IN: { zh: '尚未签到，不能签退', en: 'Not checked in yet; you cannot check out' },
  ACTIVITY_ALREADY_CHECKED_OUT: { zh: '已签退，本次时长已记录', en: 'Already checked out; the hours are recorded' },
  ATTENDANCE_TIME_INVALID: { zh: '签到时间有误：{reason}', en: 'Invalid attendance time: {reason}' },
  TIME_BANK_ENTRY_INVALID: { zh: '时间银行记录有误：{reason}', en: 'Invalid time-bank entry: {reason}' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the volunteers module, rendered in the reader's language by the error handler. */
export const volunteersDetails = {
  'volunteers.orgKind': { zh: '请选择街道、社区或网格', en: 'Choose a street, community or grid' },
  'volunteers.skillRepeated': { zh: '技能重复', en: 'A skill is listed twice' },
  'volunteers.teamNameTaken': { zh: '同名服务队已存在', en: 'A team with this name already exists' },
  'volunteers.noSignupOrPlace': { zh: '未报名或无名额', en: 'Not signed up, or no place left' },
  'volunteers.giverNotVolunteer': { zh: '服务者须是志愿者', en: 'The giver must be a volunteer' },
  'volunteers.codeOtherActivity': { zh: '不是本活动的签到码', en: 'Not this activity\'s check-in code' },
  'volunteers.codeExpired': { zh: '签到码已过期', en: 'The check-in code has expired' },
  'volunteers.skillNeedsExceed': { zh: '合计 {needed} 人，超过名额 {capacity}', en: '{needed} people in all, more than the {capacity} places' },
  'volunteers.teamBelongsTo': { zh: '服务队属于{org}', en: 'The team belongs to {org}' },
  'volunteers.capacityAtLeast': { zh: '不少于 {confirmed}', en: 'At least {confirmed}' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const volunteersAuditWords = {
  actions: {
    'volunteer.create': { zh: '登记志愿者', en: 'Register volunteer' },
    'volunteer.update': { zh: '修改志愿者', en: 'Update volunteer' },
    'volunteer_team.create': { zh: '成立服务队', en: 'Create team' },
    'volunteer_team.update': { zh: '修改服务队', en: 'Update team' },
    'volunteer_team.member_add': { zh: '服务队加入队员', en: 'Add team member' },
    'volunteer_team.member_remove': { zh: '服务队移除队员', en: 'Remove team member' },
    'activity.create': { zh: '发布活动', en: 'Publish activity' },
    'activity.update': { zh: '修改活动', en: 'Update activity' },
    'activity.cancel': { zh: '取消活动', en: 'Cancel activity' },
    'activity.sign_up': { zh: '报名活动', en: 'Sign up' },
    'activity.cancel_signup': { zh: '取消报名', en: 'Cancel sign-up' },
    'activity.check_in': { zh: '活动签到', en: 'Check in' },
    'activity.check_out': { zh: '活动签退', en: 'Check out' },
    'activity.confirm_attendance': { zh: '补录签到', en: 'Confirm attendance' },
    'time_bank.record': { zh: '记录时间银行', en: 'Record time bank' },
  },
  entities: {
    volunteer: { zh: '志愿者', en: 'Volunteer' },
    volunteer_person: { zh: '志愿者', en: 'Volunteer' },
    volunteer_team: { zh: '服务队', en: 'Team' },
    activity: { zh: '志愿活动', en: 'Activity' },
    activity_signup: { zh: '活动报名', en: 'Sign-up' },
    activity_attendance: { zh: '活动签到', en: 'Attendance' },
    time_bank_entry: { zh: '时间银行记录', en: 'Time bank entry' },
  },
} as const satisfies AuditWords
