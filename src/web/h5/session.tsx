// Who is logged in (GET /me, quietly: a visitor is not an error on the home page), and the
// redirects: a 401 from any request → /login?next=…, a forced password change → /password.
import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Navigate, useLocation } from 'react-router'
import { api, ApiError, type Me } from '../shared/api.ts'
import { loginPath, safeNext, SessionWatcher as SharedSessionWatcher } from '../shared/session.tsx'
import { Loading, LoadError } from './ui.tsx'

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/me', { quiet401: true }), retry: false, staleTime: 60_000 })
}

/** Signed in, or null for a visitor (a 401 of /me); other failures stay errors. */
export function useSignedIn(): { me: Me | null; pending: boolean; error: unknown } {
  const q = useMe()
  if (q.isPending) return { me: null, pending: true, error: null }
  if (q.error) return { me: null, pending: false, error: q.error instanceof ApiError && q.error.status === 401 ? null : q.error }
  return { me: q.data, pending: false, error: null }
}

export { safeNext }

const publicPaths = ['/login', '/register']

export function SessionWatcher() {
  return <SharedSessionWatcher publicPaths={publicPaths} />
}

/** Pages for signed-in people; a visitor is sent to login, a forced password change comes first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe()
  const location = useLocation()
  if (me.isPending) return <Loading />
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={loginPath(location.pathname, location.search, me.error.code === 'SESSION_EXPIRED')} replace />
    }
    return <LoadError error={me.error} onRetry={() => void me.refetch()} />
  }
  if (me.data.account.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password?forced=1" replace />
  return <>{children}</>
}
