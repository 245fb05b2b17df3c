// One hook for the API's cursor lists (`{ items, nextCursor }`): the page loop every list page
// used to write out again. `fill` adds the filters to the query string; the hook adds the page
// size and the cursor, and answers the query with its pages flattened into `items`. A page that
// already holds the first page (it came inside another answer) passes it as `initialPage`: the
// list starts from it and fetches only what follows.
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query'
import { api, type Page } from './api.ts'

/** `P`: the page's shape, when a list answers more than `{ items, nextCursor }` (a `total`). */
export function useCursorList<T, P extends Page<T> = Page<T>>(
  queryKey: QueryKey,
  path: string,
  fill: (s: URLSearchParams) => void = () => undefined,
  options: { pageSize?: number; enabled?: boolean; refetchInterval?: number | false; initialPage?: P } = {},
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
    ...(options.initialPage ? { initialData: { pages: [options.initialPage], pageParams: [null] }, staleTime: 60_000 } : {}),
  })
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] }
}
