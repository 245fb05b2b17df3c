// Password hashing (argon2id, OWASP parameters) and the configurable password policy.
import { hash, verify } from '@node-rs/argon2'
import type { Config } from '../config.ts'
import { unprocessable } from '../errors.ts'

// Algorithm 2 = Argon2id in @node-rs/argon2; 19 MiB, 2 passes, 1 lane (OWASP's baseline).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** A real hash to verify against when the account does not exist, so both paths take as long. */
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy-password-for-timing')
  return decoyHash
}

export type PasswordPolicy = Pick<Config, 'PASSWORD_MIN_LENGTH' | 'PASSWORD_MIN_CLASSES'>

/** Returns the Chinese reason the password is refused, or null when it is acceptable. */
export function passwordWeakness(password: string, username: string | null, policy: PasswordPolicy): string | null {
  if (password.length < policy.PASSWORD_MIN_LENGTH) return `至少 ${policy.PASSWORD_MIN_LENGTH} 个字符`
  if (password.length > 128) return '不能超过 128 个字符'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length
  if (classes < policy.PASSWORD_MIN_CLASSES) {
    return `须包含小写字母、大写字母、数字、符号中的至少 ${policy.PASSWORD_MIN_CLASSES} 类`
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '不能包含用户名'
  return null
}

export function assertPasswordStrong(password: string, username: string | null, policy: PasswordPolicy): void {
  const reason = passwordWeakness(password, username, policy)
  if (reason) throw unprocessable('PASSWORD_TOO_WEAK', { reason }, [{ path: 'password', message: reason }])
}
