// Random session ids and API tokens (256 bits), stored only as SHA-256 hashes.
import { createHash, randomBytes } from 'node:crypto'

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/** A readable temporary password that passes the default policy (admin resets). */
export function temporaryPassword(): string {
  const body = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')
  return `Lx${body}@7`
}
