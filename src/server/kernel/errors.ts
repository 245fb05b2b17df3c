// Typed errors thrown by services; the error handler (kernel/error-handler.ts) turns them
// into the one error shape {"error":{"code","message","details"}}.
import type { ErrorCode } from './messages.ts'

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details: unknown = undefined,
  ) {
    super(code)
  }
}

export const badRequest = (code: ErrorCode, params?: Record<string, unknown>, details?: unknown) =>
  new AppError(400, code, params, details)
export const unauthenticated = (code: ErrorCode = 'UNAUTHENTICATED', details?: unknown) =>
  new AppError(401, code, {}, details)
export const forbidden = (code: ErrorCode = 'FORBIDDEN', details?: unknown) => new AppError(403, code, {}, details)
/** Also the answer for a record named in a body that does not exist or is not readable (docs/api.md). */
export const notFound = (code: ErrorCode, details?: unknown, params?: Record<string, unknown>) => new AppError(404, code, params, details)
export const conflict = (code: ErrorCode, params?: Record<string, unknown>, details?: unknown) =>
  new AppError(409, code, params, details)
export const unprocessable = (code: ErrorCode, params?: Record<string, unknown>, details?: unknown) =>
  new AppError(422, code, params, details)
