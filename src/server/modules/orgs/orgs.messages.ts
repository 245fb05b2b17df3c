// The orgs module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const orgsMessages = {
  ORG_PARENT_NOT_FOUND: { zh: '上级组织不存在', en: 'The parent org node does not exist' },
  ORG_KIND_NOT_ALLOWED: { zh: '“{parentKind}”下不能设立“{kind}”', en: 'A {kind} cannot be placed under a {parentKind}' },
  ORG_HAS_CHILDREN: { zh: '该组织下还有 {count} 个下级，不能删除', en: 'This org node still has {count} children and cannot be deleted' },
  ORG_HAS_RECORDS: { zh: '该组织还有关联记录（{what}），不能删除', en: 'Records still refer to this org node ({what}); it cannot be deleted' },
  ORG_MOVE_INTO_SELF: { zh: '不能移动到自身或其下级之下', en: 'An org node cannot move under itself or its own descendants' },
  ORG_NOT_DELETED: { zh: '该组织未被删除', en: 'This org node is not deleted' },
  GEOMETRY_INVALID: { zh: '图形无效：{reason}', en: 'Invalid geometry: {reason}' },
  GEOMETRY_TYPE_NOT_ALLOWED: { zh: '“{kind}”的图形必须是 {expected}', en: 'The geometry of a {kind} must be a {expected}' },
  GRID_OUTSIDE_COMMUNITY: { zh: '网格超出所属社区范围约 {outsideM2} 平方米', en: 'The grid extends about {outsideM2} m² outside its community' },
  GRID_OVERLAPS_SIBLING: { zh: '网格与“{siblingName}”重叠约 {overlapM2} 平方米', en: 'The grid overlaps "{siblingName}" by about {overlapM2} m²' },
  ORG_OVERLAPS_SIBLING: { zh: '范围与同级的“{siblingName}”重叠约 {overlapM2} 平方米', en: 'The outline overlaps "{siblingName}" at the same level by about {overlapM2} m²' },
  COMMUNITY_WOULD_EXCLUDE_GRIDS: { zh: '修改后的社区范围未包含网格“{gridName}”', en: 'The new community outline leaves out grid "{gridName}"' },
  ESTATE_OUTSIDE_COMMUNITY: { zh: '小区超出所属社区范围约 {outsideM2} 平方米', en: 'The estate extends about {outsideM2} m² outside its community' },
  BUILDING_OUTSIDE_GRID: { zh: '楼栋位置不在所属网格内', en: 'The building lies outside its grid' },
  ORG_NOT_FOUND: { zh: '组织不存在', en: 'No such org node' },
  ORG_NOT_COMMUNITY: { zh: '请选择社区或村', en: 'Choose a community or village' },
  DIVISION_CODE_TAKEN: { zh: '行政区划代码已被使用', en: 'The division code is already in use' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the orgs module, rendered in the reader's language by the error handler. */
export const orgsDetails = {
  'orgs.geometryExpected': { zh: '应为 {expected}', en: 'Must be a {expected}' },
  'orgs.notCommunity': { zh: '请选择社区或村', en: 'Choose a community or village' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const orgsAuditWords = {
  actions: {
    'org.create': { zh: '新建组织', en: 'Create org' },
    'org.update': { zh: '修改组织', en: 'Update org' },
    'org.move': { zh: '移动组织', en: 'Move org' },
    'org.delete': { zh: '删除组织', en: 'Delete org' },
    'org.restore': { zh: '恢复组织', en: 'Restore org' },
  },
  entities: {
    org: { zh: '组织', en: 'Org' },
  },
} as const satisfies AuditWords
