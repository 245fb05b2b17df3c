// Sending a signed-out user to the login page and back, the same way on the console and the
// phone pages (each under its own router basename).
import { useEffect } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { setUnauthenticatedHandler } from './api.ts'

/** Only same-site paths are followed after login. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}

/** The login page, remembering where the user was and whether their session expired. */
export function loginPath(pathname: string, search: string, expired: boolean): string {
  const here = pathname + search
  const next = here === '/' ? '' : `next=${encodeURIComponent(here)}`
  const query = [next, expired ? 'expired=1' : ''].filter(Boolean).join('&')
  return `/login${query ? `?${query}` : ''}`
}

/** Any 401 (SESSION_EXPIRED / UNAUTHENTICATED) from any request sends the user to login and back. */
export function SessionWatcher({ publicPaths }: { publicPaths: string[] }) {
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  useEffect(() => {
    setUnauthenticatedHandler((code) => {
      if (publicPaths.includes(location.pathname)) return
      queryClient.removeQueries()
      navigate(loginPath(location.pathname, location.search, code === 'SESSION_EXPIRED'), { replace: true })
    })
  }, [navigate, location, queryClient, publicPaths])
  return null
}
