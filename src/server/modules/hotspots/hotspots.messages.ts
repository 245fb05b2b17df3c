// The hotspots module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const hotspotsMessages = {
  HOTSPOT_INVALID: { zh: '热点问题的参数有误，请检查标出的各项', en: 'The hotspot request is invalid; see the marked fields' },
  HOTSPOT_CASE_NOT_FOUND: { zh: '案件不存在，或不在所选区域内', en: 'No such case under the chosen node' },
  HOTSPOT_ORDER_NOT_FOUND: { zh: '服务工单不存在，或不在所选区域内', en: 'No such service order under the chosen node' },
  HOTSPOT_CATEGORY_MISMATCH: { zh: '所选的案件或工单不属于该热点的类别', en: 'The chosen cases or orders are not of the hotspot\'s category' },
  HOTSPOT_COMMUNITY: { zh: '所选的案件或工单分属多个社区，请在社区一级转为议题', en: 'The records lie in several communities; raise the topic at a community' },
} as const satisfies Record<string, { zh: string; en: string }>

export const hotspotsDetails = {
  'hotspots.records': { zh: '请至少选择一个案件或工单', en: 'Choose at least one case or order' },
  'hotspots.category': { zh: '所选记录的类别与热点类别不一致', en: 'The record\'s category differs from the hotspot\'s' },
  'hotspots.community': { zh: '请选择一个社区（或社区内的网格）', en: 'Choose a community (or a grid in it)' },
} as const satisfies Record<string, { zh: string; en: string }>

export const hotspotsAuditWords = {
  actions: {
    'hotspot.raise': { zh: '热点问题转为议题', en: 'Raise hotspot as topic' },
  },
  entities: {
    hotspot_raise: { zh: '热点转议题', en: 'Hotspot raised as topic' },
  },
} as const satisfies AuditWords
