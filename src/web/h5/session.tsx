// Who is logged in (GET /me, quietly: a visitor is not an error on the home page), and the
// redirects: a 401 from any request → /login?next=…, a forced password change → /password.
import { useEffect, type ReactNode } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { api, ApiError, setUnauthenticatedHandler, type Me } from '../shared/api.ts'
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

/** Only same-site paths are followed after login. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}

export function loginPath(pathname: string, search: string, expired: boolean): string {
  const here = pathname + search
  const next = here === '/' ? '' : `next=${encodeURIComponent(here)}`
  const query = [next, expired ? 'expired=1' : ''].filter(Boolean).join('&')
  return `/login${query ? `?${query}` : ''}`
}

const publicPaths = ['/login', '/register']

/** Any 401 (SESSION_EXPIRED / UNAUTHENTICATED) from any request sends the user to login and back. */
export function SessionWatcher() {
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  useEffect(() => {
    setUnauthenticatedHandler((code) => {
      if (publicPaths.includes(location.pathname)) return
      queryClient.removeQueries()
      navigate(loginPath(location.pathname, location.search, code === 'SESSION_EXPIRED'), { replace: true })
    })
  }, [navigate, location, queryClient])
  return null
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
