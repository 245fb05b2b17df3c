// The building leaders module's error codes and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const buildingLeadersMessages = {
  BUILDING_NOT_FOUND: { zh: '楼栋不存在', en: 'No such building' },
  BUILDING_LEADER_NOT_FOUND: { zh: '该楼栋暂无在岗楼栋长', en: 'The building has no leader in post' },
  LEADER_CARD_INVALID: { zh: '楼栋长名片信息有误：{reason}', en: 'The leader card is invalid: {reason}' },
  LEADER_COVERAGE_ORG: { zh: '请选择区、街道或社区', en: 'Choose a district, a street or a community' },
} as const satisfies Record<string, { zh: string; en: string }>

export const buildingLeadersAuditWords = {
  actions: {
    'leader_card.update': { zh: '修改楼栋长名片', en: 'Update building leader card' },
  },
  entities: {
    leader_card: { zh: '楼栋长名片', en: 'Building leader card' },
  },
} as const satisfies AuditWords

/** The six duties of a building leader. */
export const dutyWords = {
  party_building: '楼栋党建',
  information: '信息收集',
  errands: '代办服务',
  mediation: '矛盾调处',
  property_oversight: '物业监督',
  civility: '弘扬新风',
} as const
