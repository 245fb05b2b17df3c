// The statistics module's error codes, field complaints and audit words, Chinese and English.
export const statisticsMessages = {
  STATISTICS_INVALID: { zh: '统计查询有误，请检查标出的各项', en: 'The statistics request is invalid; see the marked fields' },
  STATISTICS_NODE_KIND: { zh: '统计一套表按城市、区、街道、社区（村）查看，请选择这些层级的节点', en: 'The statistics table is read at a city, district, street or community' },
} as const satisfies Record<string, { zh: string; en: string }>

export const statisticsDetails = {
  'statistics.period': { zh: '统计期须为月（2026-11）、季度（2026-Q4）或年（2026）', en: 'A period is a month (2026-11), a quarter (2026-Q4) or a year (2026)' },
} as const satisfies Record<string, { zh: string; en: string }>

