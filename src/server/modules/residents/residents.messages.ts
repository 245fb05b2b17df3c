// The residents module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const residentsMessages = {
  RESIDENT_NOT_FOUND: { zh: '居民信息不存在', en: 'No such resident record' },
  RESIDENT_EXISTS: { zh: '此人已有居民信息', en: 'This person already has a resident record' },
  RESIDENT_ORG_KIND: { zh: '居民信息须登记到楼栋', en: 'A resident record belongs to a building' },
  ID_NUMBER_TAKEN: { zh: '该身份证号已登记', en: 'This ID number is already registered' },
  ID_NUMBER_MISMATCH: { zh: '{field}与身份证号不符', en: 'The {field} does not match the ID number' },
  PII_FIELD_EMPTY: { zh: '该项未登记', en: 'This field is not recorded' },
  RESIDENT_HAS_ACCOUNT: { zh: '此人已开通账号，姓名和手机号由本人修改', en: 'This person has an account; they change their own name and phone' },
  RESIDENT_IMPORT_FILE_INVALID: { zh: '无法读取导入文件：{reason}', en: 'The import file cannot be read: {reason}' },
  RESIDENT_IMPORT_ROWS_INVALID: { zh: '导入文件有 {count} 处错误，未导入任何数据', en: 'The file has {count} errors; nothing was imported' },
  RESIDENT_EXPORT_TOO_LARGE: { zh: '导出超过 {max} 条，请缩小范围', en: 'More than {max} records; narrow the export down' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the residents module, rendered in the reader's language by the error handler. */
export const residentsDetails = {
  'residents.buildingRequired': { zh: '请选择楼栋', en: 'Choose a building' },
  'residents.genderMismatch': { zh: '性别与身份证号不符', en: 'The gender does not match the ID number' },
  'residents.birthYearMismatch': { zh: '出生年份与身份证号不符', en: 'The birth year does not match the ID number' },
  'residents.phoneUnavailable': { zh: '该手机号无法使用，请核实', en: 'This phone number cannot be used; check it' },
  'residents.idNumberTaken': { zh: '该身份证号已登记', en: 'This ID number is already registered' },
  'residents.selfManagedAccount': { zh: '此人已开通账号，姓名和手机号由本人修改', en: 'This person has an account; only they can change their name and phone' },
  'residents.phoneCodeRequired': { zh: '请获取并填写发送到新号码的验证码', en: 'Request the code sent to the new number and enter it' },
  'residents.noRows': { zh: '没有数据行', en: 'The file has no data rows' },
  'residents.xlsxRequired': { zh: '请以 .xlsx 文件作为请求体上传', en: 'Upload an .xlsx file as the request body' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const residentsAuditWords = {
  actions: {
    'resident.create': { zh: '新增居民', en: 'Add resident' },
    'resident.update': { zh: '修改居民信息', en: 'Update resident' },
    'resident.delete': { zh: '删除居民', en: 'Delete resident' },
    'resident.import': { zh: '导入居民', en: 'Import residents' },
    'resident.export': { zh: '导出居民', en: 'Export residents' },
    'resident.reveal': { zh: '查看完整身份证号或手机号', en: 'Reveal full ID or phone number' },
  },
  entities: {
    resident: { zh: '居民信息', en: 'Resident record' },
  },
} as const satisfies AuditWords
