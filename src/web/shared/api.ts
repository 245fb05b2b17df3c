// The web app's one way to the API: same-origin fetch with the CSRF header, JSON in and out,
// and the server's error shape turned into an ApiError the pages can show.
export interface FieldError {
  path: string
  message: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message)
  }

  /** Per-field messages keyed by the field name (the last part of the path). */
  fieldErrors(): Record<string, string> {
    if (!Array.isArray(this.details)) return {}
    const out: Record<string, string> = {}
    for (const d of this.details as FieldError[]) {
      const key = d.path.split('.').filter((p) => p !== 'body').join('.')
      if (key && !out[key]) out[key] = d.message
    }
    return out
  }
}

let language = 'zh-CN'
export function setApiLanguage(lang: string) {
  language = lang
}

/** Called on 401 SESSION_EXPIRED / UNAUTHENTICATED, so the app can send the user to login. */
let onUnauthenticated: ((code: string) => void) | null = null
export function setUnauthenticatedHandler(fn: (code: string) => void) {
  onUnauthenticated = fn
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': language }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.method && init.method !== 'GET') headers['x-linli-csrf'] = '1'
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  })
  if (res.status === 204) return undefined as T
  const text = await res.text()
  const json = text ? JSON.parse(text) : null
  if (!res.ok) {
    const err = json?.error ?? { code: 'HTTP_' + res.status, message: res.statusText, details: null }
    if (res.status === 401 && !init.quiet401) onUnauthenticated?.(err.code)
    throw new ApiError(res.status, err.code, err.message, err.details)
  }
  return json as T
}

export interface Me {
  person: { id: string; name: string }
  roles: { role: string; orgId: string; orgPath: string; orgName?: string }[]
  account: { username: string; mustChangePassword: boolean; totpEnabled: boolean; totpSetupRequired: boolean }
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
  /** With the first page of lists that count (kernel/pagination.ts): how many match, and whether counting stopped at its cap. */
  total?: number
  totalCapped?: true
}
