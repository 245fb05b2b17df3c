// 我要点单 /h5/order: what the resident may order where they live (GET /service-items?orderable=true),
// in the three lists 公共服务 / 社会服务 / 志愿服务 as big tiles; a tile opens the item and its form
// (/order/:itemId). Easy-reading mode: two large tiles a row and no introduction.
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { ServiceItem } from '@server/modules/orders/orders.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { useElderMode } from '../../elder.tsx'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { ItemIcon } from './parts.tsx'
import { SosBanner } from './SosEntry.tsx'
import { listLabels, useOrderWords } from './words.ts'
import './orders.css'

export const orderableKey = ['h5-orders', 'orderable'] as const
export function useOrderable() {
  return useQuery({ queryKey: orderableKey, queryFn: () => api<{ items: ServiceItem[] }>('/service-items?orderable=true'), staleTime: 60_000 })
}

export default function OrderCataloguePage() {
  const w = useOrderWords()
  const { lang } = useI18n()
  const elder = useElderMode()
  const items = useOrderable()
  return (
    <Page title={w('order')}>
      {!elder && <p className="h5-lead h5-intro">{w('orderIntro')}</p>}
      <SosBanner />
      {items.isPending ? <Loading /> : items.error ? <LoadError error={items.error} onRetry={() => void items.refetch()} /> : items.data.items.length === 0 ? (
        <p className="h5-muted h5-card">{w('noItems')}</p>
      ) : (
        (['public', 'social', 'volunteer'] as const).map((list) => {
          const of = items.data.items.filter((i) => i.list === list)
          if (of.length === 0) return null
          return (
            <nav key={list} className="h5-card" aria-labelledby={`order-list-${list}`}>
              <h2 className="h5-card-title" id={`order-list-${list}`}>{listLabels[list][lang]}</h2>
              <ul className="h5-order-tiles">
                {of.map((i) => (
                  <li key={i.id}>
                    <Link className="h5-order-tile" to={`/order/${i.id}`}>
                      <ItemIcon icon={i.icon} list={i.list} />
                      <span className="h5-order-tile-name">{i.name}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )
        })
      )}
      <p className="h5-order-more"><Link className="h5-text-link" to="/my-orders">{w('mine')} ›</Link></p>
    </Page>
  )
}
