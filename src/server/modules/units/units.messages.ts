// The units module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
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
