// The auth module's error codes, Chinese and English; kernel/messages.ts merges every module's
// catalogue into the one that AppError is typed against. `{name}` placeholders come from params.
import type { AuditWords } from '../../kernel/audit-words.ts'
export const authMessages = {
  LOGIN_FAILED: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  TOTP_REQUIRED: { zh: '请输入动态验证码', en: 'Enter your one-time code' },
  TOTP_INVALID: { zh: '动态验证码错误', en: 'The one-time code is wrong' },
  TOTP_NOT_SET_UP: { zh: '尚未生成双因素认证密钥', en: 'Two-factor authentication has not been set up' },
  TOTP_ALREADY_ENABLED: { zh: '双因素认证已启用', en: 'Two-factor authentication is already enabled' },
  ACCOUNT_LOCKED: { zh: '登录失败次数过多，账号已锁定至 {unlockAt}', en: 'Too many failed logins; the account is locked until {unlockAt}' },
  ACCOUNT_DISABLED: { zh: '账号已停用', en: 'The account is disabled' },
  SMS_LOGIN_NOT_ALLOWED: { zh: '该账号已启用双因素认证，请用密码和动态验证码登录', en: 'This account uses two-factor authentication; log in with the password and the authenticator code' },
  PASSWORD_WRONG: { zh: '当前密码错误', en: 'The current password is wrong' },
  PASSWORD_REUSED: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  SMS_CODE_TOO_SOON: { zh: '验证码发送过于频繁，请 {retryAfterSec} 秒后再试', en: 'Please wait {retryAfterSec} s before asking for another code' },
  SMS_CODE_INVALID: { zh: '验证码错误或已过期', en: 'The verification code is wrong or has expired' },
  SESSION_NOT_FOUND: { zh: '会话不存在', en: 'No such session' },
  TOKEN_NOT_FOUND: { zh: '访问令牌不存在', en: 'No such API token' },
  USERNAME_TAKEN: { zh: '用户名已被使用', en: 'The username is already taken' },
} as const satisfies Record<string, { zh: string; en: string }>

/** Field complaints (`details[].message`) of the auth module, rendered in the reader's language by the error handler. */
export const authDetails = {
  'auth.smsCodeWrong': { zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  'auth.currentPasswordWrong': { zh: '当前密码错误', en: 'The current password is wrong' },
  'auth.newPasswordSame': { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'auth.totpCodeWrong': { zh: '动态验证码错误', en: 'The one-time code is wrong' },
} as const satisfies Record<string, { zh: string; en: string }>

/** What the audit log calls this module's actions and records (kernel/audit-words.ts). */
export const authAuditWords = {
  actions: {
    'auth.login': { zh: '登录', en: 'Log in' },
    'auth.login_failed': { zh: '登录失败', en: 'Failed login' },
    'auth.logout': { zh: '退出登录', en: 'Log out' },
    'auth.lockout': { zh: '账号锁定', en: 'Account locked' },
    'auth.password_change': { zh: '修改密码', en: 'Change password' },
    'auth.session_end': { zh: '结束自己的会话', en: 'End own session' },
    'auth.totp_enable': { zh: '启用双因素认证', en: 'Enable two-factor' },
    'auth.totp_disable': { zh: '停用双因素认证', en: 'Disable two-factor' },
    'token.create': { zh: '签发访问令牌', en: 'Issue API token' },
    'token.revoke': { zh: '吊销访问令牌', en: 'Revoke API token' },
    'settings.update': { zh: '修改设置', en: 'Update settings' },
  },
  entities: {
    session: { zh: '会话', en: 'Session' },
    api_token: { zh: '访问令牌', en: 'API token' },
    settings: { zh: '设置', en: 'Settings' },
  },
} as const satisfies AuditWords
