// The estates module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const estatesMessages = {
  ESTATE_NOT_FOUND: { zh: '小区不存在', en: 'No such housing estate' },
  ESTATE_RATING_EXISTS: { zh: '该小区 {period} 已评定，不能重复评定', en: 'This estate has already been rated for {period}' },
  ESTATE_RATING_SCORES_INVALID: { zh: '评分有误，请检查标出的各项', en: 'Some scores are wrong; see the marked items' },
  ESTATE_RATING_PERIOD_IN_FUTURE: { zh: '不能评定尚未开始的期间 {period}', en: 'The period {period} has not started yet' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the estates module, rendered in the reader's language by the error handler. */
export const estatesDetails = {
  'estates.periodNotStarted': { zh: '该期间尚未开始', en: 'This period has not started yet' },
  'estates.periodRated': { zh: '该期间已评定', en: 'This period is already rated' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const estatesAuditWords = {
  actions: {
    'estate_rating.create': { zh: '评定五色等级', en: 'Rate estate' },
    'estate_rating.case': { zh: '评级生成整改事件', en: 'Case from rating' },
  },
  entities: {
    estate_rating: { zh: '小区评级', en: 'Estate rating' },
  },
} as const satisfies AuditWords
