// 我的订单 /h5/my-orders: the orders I placed or that were placed for me (GET /orders?view=mine),
// each with its state word and the six-step progress; a card opens the order's page. The
// 一键呼叫 card is here too for someone with a device.
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import type { Order } from '@server/modules/orders/orders.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { OrderCard, useLiveKinds } from './parts.tsx'
import { SosBanner } from './SosEntry.tsx'
import { useOrderWords } from './words.ts'
import './orders.css'

export default function MyOrdersPage() {
  const w = useOrderWords()
  const mine = useQuery({ queryKey: ['h5-orders', 'mine'], queryFn: () => api<ApiPage<Order>>('/orders?view=mine&limit=50') })
  useLiveKinds(['order.'], () => void mine.refetch())
  return (
    <Page title={w('mine')}>
      <SosBanner />
      <Link className="h5-order-new" to="/order">＋ {w('orderMore')}</Link>
      {mine.isPending ? <Loading /> : mine.error ? <LoadError error={mine.error} onRetry={() => void mine.refetch()} /> : mine.data.items.length === 0 ? (
        <p className="h5-muted h5-card">{w('noMine')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('mine')}>
          {mine.data.items.map((o) => <OrderCard key={o.id} o={o} to={`/my-orders/${o.id}`} />)}
        </ul>
      )}
    </Page>
  )
}
