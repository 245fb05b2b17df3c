// Page-size pagination with totals over the API's cursor lists (issue 13: the console pages as Ant
// Design Pro tables do, "共 N 条" and 10/20/50/100 a page, while the API keeps its keyset cursors).
// The hook remembers the cursor that starts each page it has seen, per filter and page size; a
// jump past the known pages walks forward from the last known one. The total comes with the first
// page (`total`); a list that does not count shows one more page while there is a next cursor.
import { useRef, useState } from 'react'
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query'
import type { TablePaginationConfig } from 'antd'
import { api, type Page } from './api.ts'
import { useI18n } from './i18n.tsx'

export const PAGE_SIZES = [10, 20, 50, 100]

export function useCursorPages<T, P extends Page<T> = Page<T>>(
  queryKey: QueryKey,
  path: string,
  fill: (s: URLSearchParams) => void = () => undefined,
  options: { pageSize?: number; enabled?: boolean; refetchInterval?: number | false } = {},
) {
  const { lang } = useI18n()
  const key = JSON.stringify(queryKey)
  const [at, setAt] = useState({ key, page: 1, pageSize: options.pageSize ?? 20 })
  // New filters start again on page 1 (set during render, as React allows for derived state).
  const view = at.key === key ? at : { key, page: 1, pageSize: at.pageSize }
  if (view !== at) setAt(view)
  const known = useRef(new Map<string, { cursors: (string | null)[]; total?: number; capped?: boolean }>())
  const slot = `${key}|${view.pageSize}`

  const query = useQuery({
    queryKey: [...queryKey, 'pages', view.pageSize, view.page],
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const mem = known.current.get(slot) ?? { cursors: [null] }
      known.current.set(slot, mem)
      // The nearest page whose cursor is known, then forward to the one asked for.
      let k = Math.min(view.page - 1, mem.cursors.length - 1)
      for (;;) {
        const s = new URLSearchParams({ limit: String(view.pageSize) })
        fill(s)
        const cursor = mem.cursors[k]
        if (cursor) s.set('cursor', cursor)
        const page = await api<P>(`${path}?${s}`)
        if (k === 0 && page.total !== undefined) {
          mem.total = page.total
          mem.capped = page.totalCapped === true
        }
        mem.cursors[k + 1] = page.nextCursor
        if (k === view.page - 1 || !page.nextCursor) return { page, index: k + 1, total: mem.total, capped: mem.capped }
        k++
      }
    },
  })

  const data = query.data
  const items = data?.page.items ?? []
  const current = data?.index ?? view.page
  const total = data?.total ?? (current - 1) * view.pageSize + items.length + (data?.page.nextCursor ? 1 : 0)
  const pagination: TablePaginationConfig = {
    current,
    pageSize: view.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    // Past the API's cap the total is a floor: "more than 10,000".
    showTotal: data?.total !== undefined
      ? (n) => (data.capped ? (lang === 'en' ? `More than ${n.toLocaleString('en')}` : `超过 ${n.toLocaleString('zh-CN')} 条`) : lang === 'en' ? `${n} in total` : `共 ${n} 条`)
      : undefined,
    onChange: (page, pageSize) => setAt({ key, page: pageSize === view.pageSize ? page : 1, pageSize }),
  }
  return { ...query, items, total: data?.total, pagination, page: data?.page }
}
