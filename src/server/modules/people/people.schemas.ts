// Schemas of people, their accounts and role assignments.
import { z } from 'zod'
import { dateSchema, idSchema, pageQuery } from '../../kernel/contract.ts'
import { roleSchema } from '../auth/auth.schemas.ts'

export const phoneSchema = z.string().regex(/^1[3-9][0-9]{9}$/, '请输入 11 位大陆手机号')
export const usernameSchema = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名为 3–32 位字母、数字或 _.-，以字母开头')

export const roleAssignmentInputSchema = z.strictObject({
  role: roleSchema,
  orgId: idSchema,
  validFrom: dateSchema.optional(),
  validTo: dateSchema.nullable().optional(),
})

export const personCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  phone: phoneSchema.nullable().optional(),
  username: usernameSchema.optional(),
  password: z.string().min(1).max(128).optional(),
  role: roleAssignmentInputSchema,
})

export const personUpdateSchema = z
  .strictObject({ name: z.string().trim().min(1).max(50).optional(), phone: phoneSchema.nullable().optional() })
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的字段' })

export const passwordResetSchema = z.strictObject({ password: z.string().min(1).max(128).optional() })

export const roleAssignmentSchema = z.object({
  id: z.string(),
  role: roleSchema,
  orgId: z.string(),
  orgPath: z.string(),
  orgName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
})

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  roles: z.array(roleAssignmentSchema),
  account: z
    .object({
      username: z.string(),
      disabled: z.boolean(),
      mustChangePassword: z.boolean(),
      totpEnabled: z.boolean(),
      lockedUntil: z.string().nullable(),
      lastLoginAt: z.string().nullable(),
    })
    .nullable(),
})

export const personCreatedSchema = personSchema.extend({ temporaryPassword: z.string().optional() })

export const peopleQuerySchema = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  orgId: idSchema.optional(),
  role: roleSchema.optional(),
  ...pageQuery,
})
