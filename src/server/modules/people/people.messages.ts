// The people module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const peopleMessages = {
  PHONE_REGISTERED: { zh: '该手机号已注册，请直接登录', en: 'This phone number is already registered; please log in' },
  NO_GRID_FOR_PERSON: { zh: '您尚未关联到网格，请联系社区', en: 'You are not linked to a grid yet; please contact your community' },
  ROLE_NOT_FOUND: { zh: '角色任命不存在', en: 'No such role assignment' },
  ACCOUNT_NOT_FOUND: { zh: '该人员没有登录账号', en: 'This person has no account' },
  PERSON_NOT_FOUND: { zh: '人员不存在', en: 'No such person' },
  ROLE_NOT_ASSIGNABLE: { zh: '无权任命“{role}”角色', en: 'You may not assign the role {role}' },
  PHONE_TAKEN: { zh: '手机号已被其他账号使用', en: 'The phone number is used by another account' },
  PHONE_CHANGE_NEEDS_CODE: { zh: '修改本人手机号须验证新号码：请获取并填写发送到新号码的验证码', en: 'Changing your own phone number needs the code sent to the new number' },
  PHONE_UNAVAILABLE: { zh: '该手机号无法使用，请核实号码', en: 'This phone number cannot be used; please check it' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the people module, rendered in the reader's language by the error handler. */
export const peopleDetails = {
  'people.endBeforeStart': { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'people.phoneUnavailable': { zh: '该手机号无法使用，请核实', en: 'This phone number cannot be used; check it' },
  'people.locationOutsideGrids': { zh: '该位置不在任何网格内', en: 'This location is not inside any grid' },
  'people.buildingNotFound': { zh: '没有这个楼栋，请重新选择', en: 'No such building; choose again' },
  'people.phoneRegistered': { zh: '该手机号已注册', en: 'This phone number is already registered' },
  'people.usernameRequired': { zh: '设置密码须同时提供用户名', en: 'Setting a password needs a username too' },
  'people.phoneCodeRequired': { zh: '请获取并填写发送到新号码的验证码', en: 'Request the code sent to the new number and enter it' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const peopleAuditWords = {
  actions: {
    'person.create': { zh: '新建人员', en: 'Create person' },
    'person.register': { zh: '居民注册', en: 'Resident registration' },
    'person.update': { zh: '修改人员', en: 'Update person' },
    'role.assign': { zh: '任命角色', en: 'Assign role' },
    'role.end': { zh: '结束任命', en: 'End role' },
    'account.password_reset': { zh: '重置密码', en: 'Reset password' },
    'account.disable': { zh: '停用账号', en: 'Disable account' },
    'account.enable': { zh: '启用账号', en: 'Enable account' },
    'account.sessions_end': { zh: '结束会话', en: 'End sessions' },
  },
  entities: {
    person: { zh: '人员', en: 'Person' },
    account: { zh: '账号', en: 'Account' },
    role_assignment: { zh: '角色任命', en: 'Role assignment' },
  },
} as const satisfies AuditWords
