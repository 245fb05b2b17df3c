// Who is logged in (GET /me), and the redirects: no session → /login?next=…, a forced password
// change → /change-password, a resident in the console → a pointer to the phone pages.
import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Navigate, useLocation } from 'react-router'
import { Spin } from 'antd'
import { api, ApiError, type Me } from '../shared/api.ts'
import { loginPath, SessionWatcher as SharedSessionWatcher } from '../shared/session.tsx'
import { maxLevel } from '../shared/roles.ts'
import { Forbidden } from './pages/Status.tsx'

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/me', { quiet401: true }), retry: false, staleTime: 60_000 })
}

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
