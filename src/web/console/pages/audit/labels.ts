// Names of the fields in audit diffs (the actions' and records' words come from the server's
// catalogue, GET /audit/vocabulary and each entry's actionWords / entityWords).
// Chinese first, English in the English interface.

type Pair = { zh: string; en: string }

export const fieldLabels: Record<string, Pair> = {
  id: { zh: '编号', en: 'ID' },
  name: { zh: '名称', en: 'Name' },
  phone: { zh: '手机号', en: 'Mobile' },
  username: { zh: '用户名', en: 'Username' },
  role: { zh: '角色', en: 'Role' },
  orgId: { zh: '组织', en: 'Org' },
  orgPath: { zh: '组织路径', en: 'Org path' },
  orgName: { zh: '组织名称', en: 'Org name' },
  personId: { zh: '人员', en: 'Person' },
  validFrom: { zh: '开始日期', en: 'From' },
  validTo: { zh: '结束日期', en: 'Until' },
  active: { zh: '在任', en: 'Active' },
  kind: { zh: '类型', en: 'Kind' },
  parentId: { zh: '上级', en: 'Parent' },
  path: { zh: '路径', en: 'Path' },
  divisionCode: { zh: '行政区划代码', en: 'Division code' },
  partyOrg: { zh: '党组织', en: 'Party org' },
  geometry: { zh: '边界', en: 'Boundary' },
  propertyFirm: { zh: '物业公司', en: 'Property firm' },
  disabled: { zh: '已停用', en: 'Disabled' },
  sessionId: { zh: '会话', en: 'Session' },
  mfaRequiredForAdmins: { zh: '管理员须启用双因素认证', en: 'Two-factor required for admins' },
  area_m2: { zh: '面积（平方米）', en: 'Area (m²)' },
  eventId: { zh: '时间线记录', en: 'Timeline entry' },
  reason: { zh: '原因', en: 'Reason' },
  field: { zh: '字段', en: 'Field' },
}
