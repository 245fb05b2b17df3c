// Schemas of login, sessions, password changes, TOTP and API tokens.
import { z } from 'zod'
import { crsSchema, idSchema, latSchema, lngSchema, refSchema } from '../../kernel/contract.ts'

export const roleSchema = z.enum(['admin', 'district_admin', 'street_admin', 'community_cadre', 'grid_leader', 'grid_worker', 'building_leader', 'member', 'volunteer', 'resident'])

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  totpCode: z.string().regex(/^[0-9]{6}$/, '动态验证码应为 6 位数字').optional(),
})

export const roleRefSchema = z.object({ role: roleSchema, orgId: z.string(), orgPath: z.string(), orgName: z.string().optional() })

export const meSchema = z.object({
  person: refSchema,
  roles: z.array(roleRefSchema),
  account: z.object({ username: z.string(), mustChangePassword: z.boolean(), totpEnabled: z.boolean(), totpSetupRequired: z.boolean() }),
})

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
})

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() })
export const totpCodeSchema = z.strictObject({ code: z.string().regex(/^[0-9]{6}$/, '动态验证码应为 6 位数字') })
export const totpDisableSchema = totpCodeSchema.extend({ password: z.string().min(1).max(128) })

export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  orgId: idSchema,
  role: roleSchema,
})
export const tokenCreatedSchema = z.object({ id: z.string(), token: z.string() })
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  orgId: z.string(),
  role: roleSchema,
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
})

export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
})

export const securitySettingsSchema = z.strictObject({ mfaRequiredForAdmins: z.boolean() })

const phone = z.string().regex(/^1[3-9][0-9]{9}$/, '请输入 11 位大陆手机号')

export const smsCodeRequestSchema = z.strictObject({ phone, purpose: z.enum(['register', 'login']) })

/** Signing in with the phone and the code sent to it (purpose `login`). */
export const smsLoginSchema = z.strictObject({ phone, code: z.string().regex(/^[0-9]{6}$/, '验证码为 6 位数字') })
export const smsCodeSentSchema = z.object({ expiresInSec: z.number().int(), resendAfterSec: z.number().int() })

/** Changing one's own phone: a code goes to the new number, then the code confirms it. */
export const phoneChangeCodeSchema = z.strictObject({ phone })
export const phoneChangeSchema = z.strictObject({ phone, code: z.string().regex(/^[0-9]{6}$/, '验证码为 6 位数字') })

/** Where the resident lives: a building picked from the list (community → building), or a point (the phone's location). */
export const registerSchema = z.strictObject({
  phone,
  code: z.string().regex(/^[0-9]{6}$/, '验证码为 6 位数字'),
  password: z.string().min(1).max(128),
  name: z.string().trim().min(1).max(50),
  buildingId: idSchema.optional(),
  lng: lngSchema.optional(),
  lat: latSchema.optional(),
  crs: crsSchema.default('wgs84'),
}).superRefine((v, c) => {
  const point = v.lng !== undefined || v.lat !== undefined
  if (v.buildingId !== undefined && point) c.addIssue({ code: 'custom', path: ['buildingId'], message: '请只选择楼栋或只提供位置，不要两者都给' })
  else if (v.buildingId === undefined && (v.lng === undefined || v.lat === undefined)) c.addIssue({ code: 'custom', path: ['buildingId'], message: '请选择您住的楼栋（或使用当前位置）' })
})
