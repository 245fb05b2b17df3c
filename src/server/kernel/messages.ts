// The one catalogue of error codes: each code has a Chinese and an English message.
// `{name}` placeholders are filled from the error's params. The kernel keeps its own codes
// (HTTP, sessions, generic rules); each module owns its codes in `<module>.messages.ts`,
// merged here statically so `ErrorCode` stays the checked union of all of them.
import { authDetails, authMessages } from '../modules/auth/auth.messages.ts'
import { casesDetails, casesMessages } from '../modules/cases/cases.messages.ts'
import { estatesDetails, estatesMessages } from '../modules/estates/estates.messages.ts'
import { filesMessages } from '../modules/files/files.messages.ts'
import { geoDetails, geoMessages } from '../modules/geo/geo.messages.ts'
import { membersDetails, membersMessages } from '../modules/members/members.messages.ts'
import { notificationsMessages } from '../modules/notifications/notifications.messages.ts'
import { open311Messages } from '../modules/open311/open311.messages.ts'
import { orgsDetails, orgsMessages } from '../modules/orgs/orgs.messages.ts'
import { peopleDetails, peopleMessages } from '../modules/people/people.messages.ts'
import { pointsDetails, pointsMessages } from '../modules/points/points.messages.ts'
import { residentsDetails, residentsMessages } from '../modules/residents/residents.messages.ts'
import { unitsDetails, unitsMessages } from '../modules/units/units.messages.ts'
import { visitsDetails, visitsMessages } from '../modules/visits/visits.messages.ts'
import { venuesDetails, venuesMessages } from '../modules/venues/venues.messages.ts'
import { secretaryProjectsDetails, secretaryProjectsMessages } from '../modules/secretary_projects/secretary_projects.messages.ts'
import { hotspotsDetails, hotspotsMessages } from '../modules/hotspots/hotspots.messages.ts'
import { mobilisationDetails, mobilisationMessages } from '../modules/mobilisation/mobilisation.messages.ts'
import { buildingLeadersMessages } from '../modules/building_leaders/building_leaders.messages.ts'
import { fundsDetails, fundsMessages } from '../modules/funds/funds.messages.ts'
import { meetingsDetails, meetingsMessages } from '../modules/meetings/meetings.messages.ts'
import { partyLifeDetails, partyLifeMessages } from '../modules/party_life/party_life.messages.ts'
import { broadcastsDetails, broadcastsMessages } from '../modules/broadcasts/broadcasts.messages.ts'
import { wishesDetails, wishesMessages } from '../modules/wishes/wishes.messages.ts'
import { statisticsDetails, statisticsMessages } from '../modules/statistics/statistics.messages.ts'
import { libraryDetails, libraryMessages } from '../modules/library/library.messages.ts'
import { familyBankDetails, familyBankMessages } from '../modules/family_bank/family_bank.messages.ts'
import { screensDetails, screensMessages } from '../modules/screens/screens.messages.ts'
import { deliberationDetails, deliberationMessages } from '../modules/deliberation/deliberation.messages.ts'
import { ordersDetails, ordersMessages } from '../modules/orders/orders.messages.ts'
import { errandsDetails, errandsMessages } from '../modules/errands/errands.messages.ts'
import { volunteersDetails, volunteersMessages } from '../modules/volunteers/volunteers.messages.ts'

const kernelMessages = {
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
  TOO_MANY_REQUESTS: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PASSWORD_TOO_WEAK: { zh: '密码不符合要求：{reason}', en: 'The password is too weak: {reason}' },
  IMPORT_FILE_TOO_LARGE: { zh: '导入文件解压后过大或压缩比异常（解压后最多 {maxMb} MB），请拆分后分批导入', en: 'The import file expands too much (at most {maxMb} MB uncompressed); split it and import in parts' },
  IMPORT_TOO_MANY_ROWS: { zh: '导入文件行数过多（每个工作表最多 {maxRows} 行，含表头），请拆分后分批导入', en: 'The import file has too many rows (at most {maxRows} per worksheet, header included); split it and import in parts' },
  CONFLICT: { zh: '数据冲突，请刷新后重试', en: 'Conflicting data; reload and try again' },
  RULE_VIOLATED: { zh: '数据不符合规则', en: 'The data breaks a rule' },
  INTERNAL_ERROR: { zh: '服务器内部错误', en: 'Internal server error' },
  DATABASE_UNAVAILABLE: { zh: '数据库暂时不可用，请稍后重试', en: 'The database is temporarily unavailable; try again shortly' },
} as const satisfies Record<string, { zh: string; en: string }>

export const messages = {
  ...kernelMessages,
  ...authMessages,
  ...casesMessages,
  ...estatesMessages,
  ...filesMessages,
  ...geoMessages,
  ...membersMessages,
  ...notificationsMessages,
  ...open311Messages,
  ...orgsMessages,
  ...peopleMessages,
  ...pointsMessages,
  ...residentsMessages,
  ...unitsMessages,
  ...visitsMessages,
  ...venuesMessages,
  ...secretaryProjectsMessages,
  ...hotspotsMessages,
  ...mobilisationMessages,
  ...buildingLeadersMessages,
  ...fundsMessages,
  ...meetingsMessages,
  ...partyLifeMessages,
  ...broadcastsMessages,
  ...wishesMessages,
  ...statisticsMessages,
  ...libraryMessages,
  ...familyBankMessages,
  ...screensMessages,
  ...deliberationMessages,
  ...ordersMessages,
  ...errandsMessages,
  ...volunteersMessages,
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

/**
 * Field complaints (`details[].message`) written by services, as keys with both languages; the
 * error handler renders them in the request's language. Modules own theirs next to their codes.
 */
const detailMessages = {
  ...authDetails,
  ...casesDetails,
  ...estatesDetails,
  ...geoDetails,
  ...orgsDetails,
  ...membersDetails,
  ...peopleDetails,
  ...pointsDetails,
  ...residentsDetails,
  ...unitsDetails,
  ...visitsDetails,
  ...venuesDetails,
  ...secretaryProjectsDetails,
  ...hotspotsDetails,
  ...mobilisationDetails,
  ...fundsDetails,
  ...meetingsDetails,
  ...partyLifeDetails,
  ...broadcastsDetails,
  ...wishesDetails,
  ...statisticsDetails,
  ...screensDetails,
  ...libraryDetails,
  ...familyBankDetails,
  ...deliberationDetails,
  ...ordersDetails,
  ...errandsDetails,
  ...volunteersDetails,
} as const satisfies Record<string, { zh: string; en: string }>

export type DetailKey = keyof typeof detailMessages

export function isDetailKey(key: string): key is DetailKey {
  return Object.hasOwn(detailMessages, key)
}

export function formatDetail(key: DetailKey, locale: Locale, params: Record<string, unknown> = {}): string {
  return detailMessages[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
