// The wall screens' error codes and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const screensMessages = {
  SCREEN_NOT_FOUND: { zh: '智慧屏链接无效或已停用，请联系社区重新生成', en: 'The screen link is invalid or has been revoked' },
  SCREEN_REVOKED: { zh: '这块智慧屏的链接已停用', en: 'This screen link has already been revoked' },
  SCREEN_INVALID: { zh: '智慧屏设置有误，请检查标出的各项', en: 'The screen settings are invalid; see the marked fields' },
} as const satisfies Record<string, { zh: string; en: string }>

export const screensDetails = {
  'screens.indicatorUnknown': { zh: '指标字典中没有这个指标', en: 'No such indicator in the dictionary' },
} as const satisfies Record<string, { zh: string; en: string }>

export const screensAuditWords = {
  actions: {
    'screen.create': { zh: '生成智慧屏链接', en: 'Create screen link' },
    'screen.revoke': { zh: '停用智慧屏链接', en: 'Revoke screen link' },
    'screen.update': { zh: '修改智慧屏设置', en: 'Change screen settings' },
  },
  entities: {
    screen: { zh: '智慧屏', en: 'Wall screen' },
  },
} as const satisfies AuditWords
