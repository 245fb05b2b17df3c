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
  FILE_NOT_IMAGE: { zh: '只能上传 JPEG、PNG 或 WebP 图片', en: 'Only JPEG, PNG or WebP images can be uploaded' },
  FILE_TYPE_MISMATCH: { zh: '文件内容（{actual}）与声明的类型（{declared}）不符', en: 'The file is {actual}, not {declared} as declared' },
  FILE_NOT_FOUND: { zh: '文件不存在', en: 'No such file' },
  FILE_STORAGE_UNAVAILABLE: { zh: '照片存储暂时不可用，请稍后再试', en: 'Photo storage is unavailable; try again later' },
  PHOTO_NOT_FOUND: { zh: '照片不存在，请重新上传', en: 'A photo was not found; upload it again' },
  CATEGORY_NOT_FOUND: { zh: '问题类别不存在或已停用', en: 'No such case category, or it is inactive' },
  CATEGORY_CODE_TAKEN: { zh: '类别代码已存在', en: 'The category code already exists' },
  CASE_NOT_FOUND: { zh: '事件不存在', en: 'No such case' },
  CASE_STATE_CONFLICT: { zh: '事件当前状态为“{state}”，不能{action}', en: 'The case is {state}; it cannot be {action}' },
  CASE_ALREADY_TAKEN: { zh: '该事件已被{name}接单', en: 'This case has already been taken by {name}' },
  CASE_ASSIGNEE_INVALID: { zh: '指派对象不在该事件的处置单位中', en: 'The assignee does not work for the unit handling this case' },
  CASE_NOT_ASSIGNEE: { zh: '只有承办人可以执行此操作', en: 'Only the person assigned can do this' },
  CASE_TOP_LEVEL: { zh: '事件已在最高处置层级，不能再上报', en: 'The case is already at the top level' },
  CASE_NO_DEPARTMENT: { zh: '该类别未配置职能部门，不能上报到部门', en: 'No department handles this category' },
  CASE_REOPEN_LIMIT: { zh: '该事件已重新办理 {count} 次，达到上限', en: 'This case has been reopened {count} times, the limit' },
  CASE_ALREADY_RATED: { zh: '该事件已评价', en: 'This case has already been rated' },
  CASE_NOT_REPORTER: { zh: '只有反映人可以评价', en: 'Only the reporter can rate the case' },
  CASE_REVISIT_NOT_DUE: { zh: '该事件不在回头看范围内', en: 'This case is not due for a revisit' },
  CASE_MERGE_INVALID: { zh: '不能合并到该事件：{reason}', en: 'Cannot merge into that case: {reason}' },
  VISIT_NOT_FOUND: { zh: '走访记录不存在', en: 'No such visit' },
  VISIT_NODE_KIND_NOT_ALLOWED: { zh: '走访对象须为社区、村、网格或楼栋', en: 'A visit is to a community, village, grid or building' },
  VISIT_IN_FUTURE: { zh: '走访时间不能晚于现在', en: 'The visit time cannot be in the future' },
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
  OPEN311_API_KEY_INVALID: { zh: 'api_key 缺失或无效', en: 'Missing or invalid api_key' },
  OPEN311_SERVICE_CODE_REQUIRED: { zh: '缺少 service_code', en: 'service_code was not provided' },
  OPEN311_SERVICE_NOT_FOUND: { zh: '服务代码“{code}”不存在', en: 'service_code {code} was not found' },
  OPEN311_REQUEST_NOT_FOUND: { zh: '服务请求不存在', en: 'No such service request' },
  OPEN311_TOKEN_NOT_FOUND: { zh: '令牌不存在', en: 'No such token' },
  OPEN311_LOCATION_REQUIRED: { zh: '需要经纬度 (lat/long required)', en: 'lat and long are required (addresses cannot be geocoded)' },
  OPEN311_DESCRIPTION_REQUIRED: { zh: '请填写问题描述 description（2 至 2000 字）', en: 'description is required (2 to 2000 characters)' },
  OPEN311_DATE_RANGE_INVALID: { zh: '时间范围无效：end_date 不能早于 start_date，跨度不超过 90 天', en: 'Invalid range: end_date must not precede start_date and the span may not exceed 90 days' },
  FOLLOW_NOT_FOUND: { zh: '关注记录不存在', en: 'No such follow' },
  // @residents: error codes of the residents module go above this line
  // @points: error codes of the points module go above this line
  // @units: error codes of the units module go above this line
  // @members: error codes of the members module go above this line
  // @volunteers: error codes of the volunteers module go above this line
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
