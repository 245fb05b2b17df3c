// 我的存单 /h5/my-family-deposits: what the resident deposited in 家风银行, waiting, shown or not
// accepted (with the reason), and withdrawing one.
import { useLocation } from 'react-router'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button } from 'antd-mobile'
import dayjs from 'dayjs'
import type { Deposit } from '@server/modules/family_bank/family_bank.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { Alert, LoadError, Loading, Page } from '../../ui.tsx'
import { useFamilyWords } from './words.ts'
import '../library/library.css'
import '../wishes/wishes.css'

export default function MyDepositsPage() {
  const w = useFamilyWords()
  const location = useLocation()
  const queryClient = useQueryClient()
  const list = useQuery({ queryKey: ['h5-family', 'mine'], queryFn: () => api<ApiPage<Deposit>>('/family-bank/deposits/mine?limit=100') })
  const withdraw = async (d: Deposit) => {
    await api(`/family-bank/deposits/${d.id}/withdraw`, { method: 'POST', body: {} })
    await queryClient.invalidateQueries({ queryKey: ['h5-family'] })
  }
  return (
    <Page title={w('mine')}>
      {(location.state as { deposited?: boolean } | null)?.deposited && <Alert kind="success">{w('submitted')}</Alert>}
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : list.data.items.length === 0 ? <p className="h5-muted">{w('mineEmpty')}</p> : (
        <ul className="h5-list" aria-label={w('mine')}>
          {list.data.items.map((d) => (
            <li key={d.id} className="h5-card h5-fb-card">
              <p className="h5-lib-meta">{d.kind === 'motto' ? w('motto') : w('story')} · {w(d.state)} · {dayjs(d.createdAt).format('YYYY年M月D日')}</p>
              {d.title && <p className="h5-lib-title">{d.title}</p>}
              <p className="h5-lib-body" style={{ margin: 0 }}>{d.body}</p>
              {d.reason && <p style={{ color: '#a8071a' }}>{w('reason', { reason: d.reason })}</p>}
              {d.actions.includes('withdraw') && <Button size="small" onClick={() => void withdraw(d)}>{w('withdraw')}</Button>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}
