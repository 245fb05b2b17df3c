// The units module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const unitsMessages = {
  UNIT_NOT_FOUND: { zh: '单位不存在', en: 'No such unit' },
  UNIT_ORG_KIND: { zh: '单位、联盟和限额须设在街道或社区', en: 'Units, alliances and limits belong to a street or a community' },
  UNIT_CREDIT_CODE_EXISTS: { zh: '统一社会信用代码 {creditCode} 已登记', en: 'The credit code {creditCode} is already registered' },
  UNIT_HAS_PAIRINGS: { zh: '该单位仍有 {count} 份有效的共建协议，请先终止', en: 'The unit still has {count} active pairing agreements; end them first' },
  UNIT_PERSON_EXISTS: { zh: '此人已是该单位人员', en: 'This person already acts for the unit' },
  UNIT_PERSON_NOT_FOUND: { zh: '此人不是该单位人员', en: 'This person does not act for the unit' },
  UNIT_NOT_PAIRED: { zh: '该单位未与本社区结对共建', en: 'The unit is not paired with this community' },
  COMMUNITY_REQUIRED: { zh: '请选择社区', en: 'A community is required here' },
  PAIRING_NOT_FOUND: { zh: '共建协议不存在', en: 'No such pairing agreement' },
  PAIRING_EXISTS: { zh: '该单位已与本社区签订有效的共建协议', en: 'The unit already has an active agreement with this community' },
  PAIRING_LIMIT_REACHED: { zh: '本社区结对共建单位已达上限 {max} 家', en: 'The community already has its maximum of {max} paired units' },
  PAIRING_ENDED: { zh: '该共建协议已终止', en: 'The pairing agreement has already ended' },
  PAIRING_END_BEFORE_START: { zh: '终止日期不能早于协议开始日期 {startsOn}', en: 'The end date may not precede the start date {startsOn}' },
  LIST_ITEM_NOT_FOUND: { zh: '清单事项不存在', en: 'No such list item' },
  LIST_ITEM_STATE: { zh: '清单事项当前状态为 {state}，不能执行此操作', en: 'The list item is {state}; this step is not allowed now' },
  LIST_ITEM_UNIT_REQUIRED: { zh: '请选择代表哪家单位认领', en: 'Say which unit claims the item' },
  LIST_ITEM_UNIT_NOT_ALLOWED: { zh: '单位发布的事项由社区认领，不能再指定单位', en: 'A unit\'s item is claimed by the community; no unit may be given' },
  ALLIANCE_NOT_FOUND: { zh: '党建联盟不存在', en: 'No such alliance' },
  ALLIANCE_EXISTS: { zh: '同名党建联盟已存在', en: 'An alliance of that name already exists here' },
  ALLIANCE_UNIT_EXISTS: { zh: '该单位已在联盟中', en: 'The unit is already in the alliance' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the units module, rendered in the reader's language by the error handler. */
export const unitsDetails = {
  'units.unitRequired': { zh: '请选择单位', en: 'Choose a unit' },
  'units.unitNotExpected': { zh: '无需指定单位', en: 'No unit is needed here' },
  'units.endBeforeStart': { zh: '不能早于开始日期', en: 'Cannot be before the start date' },
  'units.allianceNameTaken': { zh: '同名联盟已存在', en: 'An alliance with this name already exists' },
  'units.creditCodeTaken': { zh: '已登记', en: 'Already registered' },
  'units.notPairedWithCommunity': { zh: '未与本社区结对', en: 'Not paired with this community' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const unitsAuditWords = {
  actions: {
    'unit.create': { zh: '登记单位', en: 'Register unit' },
    'unit.update': { zh: '修改单位', en: 'Update unit' },
    'unit.delete': { zh: '注销单位', en: 'Delete unit' },
    'unit.person.add': { zh: '添加单位人员', en: 'Add unit person' },
    'unit.person.remove': { zh: '移除单位人员', en: 'Remove unit person' },
    'pairing.create': { zh: '签订共建协议', en: 'Sign pairing' },
    'pairing.end': { zh: '终止共建协议', en: 'End pairing' },
    'pairing_limit.set': { zh: '设置结对上限', en: 'Set pairing limit' },
    'list_item.publish': { zh: '发布清单', en: 'Publish list item' },
    'list_item.claim': { zh: '认领清单', en: 'Claim list item' },
    'list_item.progress': { zh: '报告清单进展', en: 'Report list item progress' },
    'list_item.confirm': { zh: '确认清单完成', en: 'Confirm list item' },
    'list_item.withdraw': { zh: '撤回清单', en: 'Withdraw list item' },
    'alliance.create': { zh: '成立联盟', en: 'Create alliance' },
    'alliance.unit.add': { zh: '联盟加入单位', en: 'Add unit to alliance' },
    'alliance.activity.create': { zh: '记录联盟活动', en: 'Record alliance activity' },
  },
  entities: {
    unit: { zh: '单位', en: 'Unit' },
    employer_unit: { zh: '工作单位', en: 'Employer' },
    pairing_agreement: { zh: '共建协议', en: 'Pairing agreement' },
    pairing_limit: { zh: '结对上限', en: 'Pairing limit' },
    list_item: { zh: '需求/资源/项目清单', en: 'List item' },
    alliance: { zh: '联盟', en: 'Alliance' },
  },
} as const satisfies AuditWords
