// Names of what the audit trail records: actions, entities and the fields of their diffs.
// Chinese first; the English is shown beside it (or instead, in the English interface).
import { actionLabels as caseActions } from '@server/modules/cases/cases.labels.ts'

type Pair = { zh: string; en: string }

export const actionLabels: Record<string, Pair> = {
  'org.create': { zh: '新建组织', en: 'Create org' },
  'org.update': { zh: '修改组织', en: 'Update org' },
  'org.move': { zh: '移动组织', en: 'Move org' },
  'org.delete': { zh: '删除组织', en: 'Delete org' },
  'org.restore': { zh: '恢复组织', en: 'Restore org' },
  'person.create': { zh: '新建人员', en: 'Create person' },
  'person.register': { zh: '居民注册', en: 'Resident registration' },
  'person.update': { zh: '修改人员', en: 'Update person' },
  'role.assign': { zh: '任命角色', en: 'Assign role' },
  'role.end': { zh: '结束任命', en: 'End role' },
  'account.password_reset': { zh: '重置密码', en: 'Reset password' },
  'account.disable': { zh: '停用账号', en: 'Disable account' },
  'account.enable': { zh: '启用账号', en: 'Enable account' },
  'account.sessions_end': { zh: '结束会话', en: 'End sessions' },
  'auth.login': { zh: '登录', en: 'Log in' },
  'auth.login_failed': { zh: '登录失败', en: 'Failed login' },
  'auth.password_change': { zh: '修改密码', en: 'Change password' },
  'auth.session_end': { zh: '结束自己的会话', en: 'End own session' },
  'auth.totp_enable': { zh: '启用双因素认证', en: 'Enable two-factor' },
  'auth.totp_disable': { zh: '停用双因素认证', en: 'Disable two-factor' },
  'token.create': { zh: '签发访问令牌', en: 'Issue API token' },
  'token.revoke': { zh: '吊销访问令牌', en: 'Revoke API token' },
  'settings.update': { zh: '修改设置', en: 'Update settings' },
  'auth.logout': { zh: '退出登录', en: 'Log out' },
  'auth.lockout': { zh: '账号锁定', en: 'Account locked' },
  'file.upload': { zh: '上传照片', en: 'Upload photo' },
  'case.create': { zh: '上报事件', en: 'Report case' },
  'case.follow': { zh: '关注事件', en: 'Follow case' },
  'case.unfollow': { zh: '取消关注事件', en: 'Unfollow case' },
  'follow.create': { zh: '关注区域', en: 'Follow area' },
  'follow.delete': { zh: '取消关注区域', en: 'Unfollow area' },
  'points.award': { zh: '手工奖励积分', en: 'Award points' },
  'points.deduct': { zh: '手工扣减积分', en: 'Deduct points' },
  'points.manual_approve': { zh: '审核通过手工积分', en: 'Approve manual points' },
  'points.manual_reject': { zh: '退回手工积分', en: 'Reject manual points' },
  'resident.reveal': { zh: '查看完整信息', en: 'Reveal full value' },
}

export const entityLabels: Record<string, Pair> = {
  org: { zh: '组织', en: 'Org' },
  person: { zh: '人员', en: 'Person' },
  account: { zh: '账号', en: 'Account' },
  role_assignment: { zh: '角色任命', en: 'Role assignment' },
  api_token: { zh: '访问令牌', en: 'API token' },
  session: { zh: '会话', en: 'Session' },
  settings: { zh: '设置', en: 'Settings' },
  attachment: { zh: '照片', en: 'Photo' },
  case: { zh: '事件', en: 'Case' },
  follow: { zh: '关注', en: 'Follow' },
  resident: { zh: '居民信息', en: 'Resident record' },
  points_manual_award: { zh: '手工积分', en: 'Manual points' },
}

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

/** "case.accept" and the other case transitions, in the words of the case pages (cases.labels.ts). */
export function caseActionLabel(action: string): Pair | undefined {
  const word = action.startsWith('case.') ? (caseActions as Record<string, string>)[action.slice(5)] : undefined
  return word ? { zh: `事件${word}`, en: `Case: ${action.slice(5).replace(/_/g, ' ')}` } : undefined
}
