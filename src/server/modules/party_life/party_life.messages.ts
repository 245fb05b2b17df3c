// The organisation-life module's error codes, field complaints and audit words, Chinese and English.
import type { AuditWords } from '../../kernel/audit-words.ts'

export const partyLifeMessages = {
  PARTY_ORG_NOT_FOUND: { zh: '党组织不存在（该节点没有党组织）', en: 'No such Party organisation' },
  PARTY_MEMBER_NOT_FOUND: { zh: '该党员不在这个党组织中', en: 'That person is not a member of this Party organisation' },
  STUDY_COURSE_NOT_FOUND: { zh: '学习课程不存在', en: 'No such study course' },
  STUDY_SESSION_NOT_FOUND: { zh: '学习课次不存在', en: 'No such study session' },
} as const satisfies Record<string, { zh: string; en: string }>

export const partyLifeDetails = {
  'partyLife.kindTwice': { zh: '同一类会议只能设置一次', en: 'Each kind only once' },
  'partyLife.rangeOrder': { zh: '结束日期须晚于开始日期', en: 'The end must be after the start' },
  'partyLife.rangeTooLong': { zh: '时间范围最长两年', en: 'At most two years' },
  'partyLife.absenceReason': { zh: '缺席须写明原因（如请假、出差）', en: 'An absence needs a reason' },
  'partyLife.presentNoReason': { zh: '出席的人员不填写缺席原因', en: 'Present people have no absence reason' },
  'partyLife.hoursOverSession': { zh: '学时不能超过本课次的学时', en: 'Hours cannot exceed the session\'s' },
} as const satisfies Record<string, { zh: string; en: string }>

export const partyLifeAuditWords = {
  actions: {
    'party_org.member_add': { zh: '加入党组织', en: 'Add Party organisation member' },
    'party_org.member_update': { zh: '修改党员组织关系', en: 'Update Party organisation member' },
    'party_org.member_remove': { zh: '移出党组织', en: 'Remove Party organisation member' },
    'party_org.plan': { zh: '设置组织生活计划', en: 'Set organisation-life plan' },
    'study.course_create': { zh: '新建学习课程', en: 'Create study course' },
    'study.session_create': { zh: '新增学习课次', en: 'Add study session' },
    'study.attendance': { zh: '登记学习出勤', en: 'Record study attendance' },
  },
  entities: {
    party_org: { zh: '党组织', en: 'Party organisation' },
    study_course: { zh: '学习课程', en: 'Study course' },
  },
} as const satisfies AuditWords
