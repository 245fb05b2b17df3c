// Who is logged in (GET /me), and the redirects: no session → /login?next=…, a forced password
// change → /change-password, a resident in the console → a pointer to the phone pages.
import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Navigate, useLocation } from 'react-router'
import { Spin } from 'antd'
import { api, ApiError, type Me } from '../shared/api.ts'
import { loginPath, SessionWatcher as SharedSessionWatcher } from '../shared/session.tsx'
import { maxLevel, roleLevels } from '../shared/roles.ts'
import { Forbidden } from './pages/Status.tsx'

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/me', { quiet401: true }), retry: false, staleTime: 60_000 })
}

/**
 * The caller's own place (issue 13: the default scope of filters and maps) when their staff roles
 * lie in more than one place: the node of their highest-ranking staff role. Null when they work in
 * one place, whose scope the lists already are.
 */
export function useHomeScope(): { id: string; name: string } | null {
  const me = useMe().data
  if (!me) return null
  const staff = me.roles.filter((r) => (roleLevels[r.role] ?? 0) >= roleLevels.grid_worker!)
  const tops = staff.filter((r) => !staff.some((o) => o.orgId !== r.orgId && r.orgPath.startsWith(`${o.orgPath}.`)))
  if (new Set(tops.map((r) => r.orgId)).size <= 1) return null
  const home = [...tops].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]!
  return { id: home.orgId, name: home.orgName ?? home.orgId }
}

/** The value an org filter keeps when its user cleared it while a home scope is the default: everything. */
export const ALL_ORGS = 'all'

export function useLevel(): number {
  const me = useMe()
  return me.data ? maxLevel(me.data.roles) : 0
}

const publicPaths = ['/login']

export function SessionWatcher() {
  return <SharedSessionWatcher publicPaths={publicPaths} />
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <Spin fullscreen />
  if (me.error) {
    const expired = me.error instanceof ApiError && me.error.code === 'SESSION_EXPIRED'
    return <Navigate to={loginPath(location.pathname, location.search, expired)} replace />
  }
  if (me.data.account.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password?forced=1" replace />
  }
  return <>{children}</>
}

/** A page reached by URL without the right shows a clear refusal, not a blank page. */
export function RequireLevel({ min, children }: { min: number; children: ReactNode }) {
  const level = useLevel()
  if (level < min) return <Forbidden />
  return <>{children}</>
}

/** Where the caller works: the node of their highest-ranking staff role (a form or a map opens there). */
export function useOwnNode(): { value: string; label: string } | null {
  const me = useMe().data
  const staff = (me?.roles ?? []).filter((r) => (roleLevels[r.role] ?? 0) >= roleLevels.grid_worker!)
  const top = [...staff].sort((a, b) => (roleLevels[b.role] ?? 0) - (roleLevels[a.role] ?? 0))[0]
  return top ? { value: top.orgId, label: top.orgName ?? top.orgId } : null
}
