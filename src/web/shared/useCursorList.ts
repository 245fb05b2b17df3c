// One hook for the API's cursor lists (`{ items, nextCursor }`): the page loop every list page
// used to write out again. `fill` adds the filters to the query string; the hook adds the page
// size and the cursor, and answers the query with its pages flattened into `items`.
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query'
import { api, type Page } from './api.ts'

/** `P`: the page's shape, when a list answers more than `{ items, nextCursor }` (a `total`). */
export function useCursorList<T, P extends Page<T> = Page<T>>(
  queryKey: QueryKey,
  path: string,
  fill: (s: URLSearchParams) => void = () => undefined,
  options: { pageSize?: number; enabled?: boolean; refetchInterval?: number | false } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const s = new URLSearchParams({ limit: String(options.pageSize ?? 50) })
      fill(s)
      if (pageParam) s.set('cursor', pageParam)
      return api<P>(`${path}?${s}`)
    },
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  })
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] }
}
