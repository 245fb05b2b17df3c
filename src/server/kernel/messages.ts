// The one catalogue of error codes: each code has a Chinese and an English message.
// `{name}` placeholders are filled from the error's params.
export const messages = {
  VALIDATION_FAILED: { zh: '请求参数有误', en: 'The request is invalid' },
  MALFORMED_REQUEST: { zh: '请求格式错误（网址中的中文等字符须经过 URL 编码）', en: 'Malformed HTTP request (percent-encode non-ASCII characters in the URL)' },
  INVALID_JSON: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { zh: '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; use application/json' },
  ROUTE_NOT_FOUND: { zh: '接口不存在', en: 'No such route' },
  METHOD_NOT_ALLOWED: { zh: '不支持该请求方法', en: 'Method not allowed' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please log in' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  TOKEN_INVALID: { zh: '访问令牌无效或已吊销', en: 'The API token is invalid or revoked' },
  CSRF_REJECTED: { zh: '请求来源校验失败', en: 'Cross-site request refused' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改密码', en: 'You must change your password first' },
  TOTP_SETUP_REQUIRED: { zh: '管理员账号须先启用双因素认证', en: 'Admin accounts must enable two-factor authentication first' },
  LOGIN_FAILED: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  TOTP_REQUIRED: { zh: '请输入动态验证码', en: 'Enter your one-time code' },
  TOTP_INVALID: { zh: '动态验证码错误', en: 'The one-time code is wrong' },
  TOTP_NOT_SET_UP: { zh: '尚未生成双因素认证密钥', en: 'Two-factor authentication has not been set up' },
  TOTP_ALREADY_ENABLED: { zh: '双因素认证已启用', en: 'Two-factor authentication is already enabled' },
  ACCOUNT_LOCKED: { zh: '登录失败次数过多，账号已锁定至 {unlockAt}', en: 'Too many failed logins; the account is locked until {unlockAt}' },
  ACCOUNT_DISABLED: { zh: '账号已停用', en: 'The account is disabled' },
  TOO_MANY_REQUESTS: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PASSWORD_TOO_WEAK: { zh: '密码不符合要求：{reason}', en: 'The password is too weak: {reason}' },
  PASSWORD_WRONG: { zh: '当前密码错误', en: 'The current password is wrong' },
  PASSWORD_REUSED: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  ORG_NOT_FOUND: { zh: '组织不存在', en: 'No such org node' },
  ORG_PARENT_NOT_FOUND: { zh: '上级组织不存在', en: 'The parent org node does not exist' },
  ORG_KIND_NOT_ALLOWED: { zh: '“{parentKind}”下不能设立“{kind}”', en: 'A {kind} cannot be placed under a {parentKind}' },
  ORG_HAS_CHILDREN: { zh: '该组织下还有 {count} 个下级，不能删除', en: 'This org node still has {count} children and cannot be deleted' },
  ORG_HAS_RECORDS: { zh: '该组织还有关联记录（{what}），不能删除', en: 'Records still refer to this org node ({what}); it cannot be deleted' },
  ORG_MOVE_INTO_SELF: { zh: '不能移动到自身或其下级之下', en: 'An org node cannot move under itself or its own descendants' },
  ORG_NOT_DELETED: { zh: '该组织未被删除', en: 'This org node is not deleted' },
  DIVISION_CODE_TAKEN: { zh: '行政区划代码已被使用', en: 'The division code is already in use' },
  GEOMETRY_INVALID: { zh: '图形无效：{reason}', en: 'Invalid geometry: {reason}' },
  GEOMETRY_TYPE_NOT_ALLOWED: { zh: '“{kind}”的图形必须是 {expected}', en: 'The geometry of a {kind} must be a {expected}' },
  GRID_OUTSIDE_COMMUNITY: { zh: '网格超出所属社区范围约 {outsideM2} 平方米', en: 'The grid extends about {outsideM2} m² outside its community' },
  GRID_OVERLAPS_SIBLING: { zh: '网格与“{siblingName}”重叠约 {overlapM2} 平方米', en: 'The grid overlaps "{siblingName}" by about {overlapM2} m²' },
  COMMUNITY_WOULD_EXCLUDE_GRIDS: { zh: '修改后的社区范围未包含网格“{gridName}”', en: 'The new community outline leaves out grid "{gridName}"' },
  ESTATE_OUTSIDE_COMMUNITY: { zh: '小区超出所属社区范围约 {outsideM2} 平方米', en: 'The estate extends about {outsideM2} m² outside its community' },
  BUILDING_OUTSIDE_GRID: { zh: '楼栋位置不在所属网格内', en: 'The building lies outside its grid' },
  LOCATION_OUTSIDE: { zh: '该位置不在任何网格内', en: 'This location is not inside any grid' },
  SMS_CODE_TOO_SOON: { zh: '验证码发送过于频繁，请 {retryAfterSec} 秒后再试', en: 'Please wait {retryAfterSec} s before asking for another code' },
  SMS_CODE_INVALID: { zh: '验证码错误或已过期', en: 'The verification code is wrong or has expired' },
  PHONE_REGISTERED: { zh: '该手机号已注册，请直接登录', en: 'This phone number is already registered; please log in' },
  NO_GRID_FOR_PERSON: { zh: '您尚未关联到网格，请联系社区', en: 'You are not linked to a grid yet; please contact your community' },
  PERSON_NOT_FOUND: { zh: '人员不存在', en: 'No such person' },
  ROLE_NOT_FOUND: { zh: '角色任命不存在', en: 'No such role assignment' },
  ROLE_NOT_ASSIGNABLE: { zh: '无权任命“{role}”角色', en: 'You may not assign the role {role}' },
  USERNAME_TAKEN: { zh: '用户名已被使用', en: 'The username is already taken' },
  PHONE_TAKEN: { zh: '手机号已被其他账号使用', en: 'The phone number is used by another account' },
  ACCOUNT_NOT_FOUND: { zh: '该人员没有登录账号', en: 'This person has no account' },
  SESSION_NOT_FOUND: { zh: '会话不存在', en: 'No such session' },
  TOKEN_NOT_FOUND: { zh: '访问令牌不存在', en: 'No such API token' },
  VISIT_NOT_FOUND: { zh: '走访记录不存在', en: 'No such visit' },
  VISIT_NODE_KIND_NOT_ALLOWED: { zh: '走访对象须为社区、村、网格或楼栋', en: 'A visit is to a community, village, grid or building' },
  VISIT_IN_FUTURE: { zh: '走访时间不能晚于现在', en: 'The visit time cannot be in the future' },
  VISIT_PHOTOS_NOT_FOUND: { zh: '有照片不存在，请重新上传', en: 'Some photos do not exist; upload them again' },
  VISIT_TASK_NOT_FOUND: { zh: '走访任务不存在', en: 'No such visit task' },
  VISIT_TASK_DONE: { zh: '该走访任务已完成', en: 'This visit task is already done' },
  VISIT_TASK_MISMATCH: { zh: '走访记录与任务不符：{reason}', en: 'The visit does not match its task: {reason}' },
  VISIT_SCHEDULE_NOT_FOUND: { zh: '走访计划不存在', en: 'No such visit schedule' },
  VISIT_SCHEDULE_ORG_KIND: { zh: '走访计划须由街道或区设立', en: 'A visit schedule belongs to a street or a district' },
  VISIT_SCHEDULE_TARGETS_INVALID: { zh: '走访对象有误，请检查标出的各项', en: 'Some visit targets are wrong; see the marked items' },
  ESTATE_NOT_FOUND: { zh: '小区不存在', en: 'No such housing estate' },
  ESTATE_RATING_EXISTS: { zh: '该小区 {period} 已评定，不能重复评定', en: 'This estate has already been rated for {period}' },
  ESTATE_RATING_SCORES_INVALID: { zh: '评分有误，请检查标出的各项', en: 'Some scores are wrong; see the marked items' },
  ESTATE_RATING_PERIOD_IN_FUTURE: { zh: '不能评定尚未开始的期间 {period}', en: 'The period {period} has not started yet' },
  CONFLICT: { zh: '数据冲突，请刷新后重试', en: 'Conflicting data; reload and try again' },
  RULE_VIOLATED: { zh: '数据不符合规则', en: 'The data breaks a rule' },
  INTERNAL_ERROR: { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { zh: string; en: string }>

export type ErrorCode = keyof typeof messages
export type Locale = 'zh' | 'en'

export function formatMessage(code: ErrorCode, locale: Locale, params: Record<string, unknown> = {}): string {
  const template = messages[code][locale]
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''))
}

/** Chooses English only when the client asks for it first; Chinese is the default. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh'
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh'
}
