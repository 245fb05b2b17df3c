// 我的积分 /h5/points: my balance and history, the rewards I can redeem near where I live, and my
// redemption codes (show the code at the shop; cancel one not yet handed over). People who act
// for a merchant also see the codes waiting at their shop and hand items over here.
import { useRef, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Input } from 'antd-mobile'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import type { Posting, Redemption, Reward } from '@server/modules/points/points.schemas.ts'
import { useT, useWords } from '../../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import './points.css'
import { useCursorList } from '../../../shared/useCursorList.ts'

const zh = {
  title: '我的积分',
  balance: '当前积分',
  balanceHint: '参加志愿服务、上报问题经核实、好人好事都能得积分，可以在社区商户兑换商品和服务。',
  tabHistory: '收支明细',
  tabRewards: '兑换商品',
  tabCodes: '我的兑换码',
  tabShop: '商户核销',
  noHistory: '还没有积分记录',
  reversed: '已冲正',
  more: '加载更多',
  noRewards: '附近暂时没有可兑换的商品',
  needs: '{points} 积分',
  stock: '剩 {n} 件',
  soldOut: '已兑完',
  at: '兑换地点：{place}',
  redeem: '兑换',
  notEnough: '积分不够',
  confirmRedeem: '确定用 {points} 积分兑换“{name}”吗？',
  yes: '确定兑换',
  no: '再想想',
  redeemed: '兑换成功！兑换码 {code}，请到{place}出示领取。',
  noCodes: '还没有兑换过',
  code: '兑换码',
  status: '{status} · {time}',
  cancel: '不要了，取消兑换',
  cancelReason: '用户在手机上取消',
  cancelled: '已取消，积分已退回',
  shopIntro: '顾客出示兑换码后，输入 8 位数字确认交付。',
  shopCode: '顾客的兑换码',
  handOver: '确认交付',
  handedOver: '已交付：{reward} × {n}（{person}）',
  waiting: '待交付',
  status_pending: '待领取',
  status_handed_over: '已领取',
  status_cancelled: '已取消',
}
const en: Record<keyof typeof zh, string> = {
  title: 'My points',
  balance: 'Points',
  balanceHint: 'Earn points by volunteering, verified problem reports and good deeds; spend them at community shops.',
  tabHistory: 'History',
  tabRewards: 'Rewards',
  tabCodes: 'My codes',
  tabShop: 'Shop',
  noHistory: 'No points yet',
  reversed: 'Reversed',
  more: 'Load more',
  noRewards: 'No rewards near you yet',
  needs: '{points} points',
  stock: '{n} left',
  soldOut: 'Sold out',
  at: 'Collect at: {place}',
  redeem: 'Redeem',
  notEnough: 'Not enough points',
  confirmRedeem: 'Spend {points} points on "{name}"?',
  yes: 'Redeem',
  no: 'Not now',
  redeemed: 'Done! Your code is {code}; show it at {place}.',
  noCodes: 'No redemptions yet',
  code: 'Code',
  status: '{status} · {time}',
  cancel: 'Cancel this redemption',
  cancelReason: 'Cancelled on the phone',
  cancelled: 'Cancelled; points returned',
  shopIntro: 'Enter the customer’s 8-digit code to hand the item over.',
  shopCode: 'Customer’s code',
  handOver: 'Hand over',
  handedOver: 'Handed over: {reward} × {n} ({person})',
  waiting: 'Waiting',
  status_pending: 'To collect',
  status_handed_over: 'Collected',
  status_cancelled: 'Cancelled',
}
const words = { zh, en }


type Tab = 'history' | 'rewards' | 'codes' | 'shop'

interface MyAccount { id: string | null; balance: number; postings: ApiPage<Posting>; merchants: { id: string; name: string }[] }

const shortTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '')

/** getRandomValues works on plain http too, where crypto.randomUUID does not exist. */
const newKey = () => 'h5-' + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')

export default function MyPointsPage() {
  const w = useWords(words)
  const [tab, setTab] = useState<Tab>('history')
  const [notice, setNotice] = useState<string | null>(null)
  const account = useQuery({ queryKey: ['points', 'me'], queryFn: () => api<MyAccount>('/points/accounts/me') })
  const isShop = (account.data?.merchants.length ?? 0) > 0
  const tabs: [Tab, keyof typeof zh][] = [['history', 'tabHistory'], ['rewards', 'tabRewards'], ['codes', 'tabCodes'], ...(isShop ? [['shop', 'tabShop'] as [Tab, keyof typeof zh]] : [])]
  return (
    <Page title={w('title')}>
      {account.isPending ? (
        <Loading />
      ) : account.error ? (
        <LoadError error={account.error} onRetry={() => void account.refetch()} />
      ) : (
        <>
          <section className="h5-card h5-points-balance" aria-label={w('balance')}>
            <p className="h5-muted">{w('balance')}</p>
            <p className="h5-points-number">{account.data.balance.toLocaleString()}</p>
            <p className="h5-muted">{w('balanceHint')}</p>
          </section>
          <div className="h5-chips" role="group" aria-label={w('title')}>
            {tabs.map(([key, label]) => (
              <button key={key} type="button" className="h5-chip" aria-pressed={tab === key} onClick={() => { setNotice(null); setTab(key) }}>{w(label)}</button>
            ))}
          </div>
          {notice && <Alert kind="success">{notice}</Alert>}
          {tab === 'history' && <History accountId={account.data.id} first={account.data.postings} />}
          {tab === 'rewards' && <RewardList balance={account.data.balance} onRedeemed={(text) => { setNotice(text); setTab('codes') }} />}
          {tab === 'codes' && <MyCodes />}
          {tab === 'shop' && <ShopDesk />}
        </>
      )}
    </Page>
  )
}


function History({ accountId, first }: { accountId: string | null; first: ApiPage<Posting> }) {
  const w = useWords(words)
  const history = useCursorList<Posting>(['points', 'history', accountId], `/points/accounts/${accountId}/postings`, undefined, { pageSize: 20, initialPage: first })
  const items = history.items
  if (items.length === 0) return <p className="h5-muted">{w('noHistory')}</p>
  return (
    <>
      <ul className="h5-list" aria-label={w('tabHistory')}>
        {items.map((p) => (
          <li key={p.id} className="h5-card h5-points-row">
            <div className="h5-row-text">
              <span className="h5-row-title">{p.memo}</span>
              <span className="h5-row-desc">{shortTime(p.createdAt)}{p.reversed ? ` · ${w('reversed')}` : ''}</span>
            </div>
            <span className={p.amount > 0 ? 'h5-points-plus' : 'h5-points-minus'}>{p.amount > 0 ? `+${p.amount}` : p.amount}</span>
          </li>
        ))}
      </ul>
      {history.hasNextPage && (
        <Button block size="large" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>{w('more')}</Button>
      )}
    </>
  )
}

function RewardList({ balance, onRedeemed }: { balance: number; onRedeemed: (text: string) => void }) {
  const w = useWords(words)
  const t = useT()
  const queryClient = useQueryClient()
  const [asking, setAsking] = useState<Reward | null>(null)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const key = useRef(newKey())
  const rewards = useQuery({ queryKey: ['points', 'rewards', 'h5'], queryFn: () => api<ApiPage<Reward>>('/points/rewards?limit=200') })
  async function redeem(r: Reward) {
    setBusy(true)
    setFailure(null)
    try {
      const done = await api<Redemption>('/points/redemptions', { method: 'POST', body: { rewardId: r.id, quantity: 1, idempotencyKey: key.current } })
      key.current = newKey()
      setAsking(null)
      await queryClient.invalidateQueries({ queryKey: ['points'] })
      onRedeemed(w('redeemed', { code: done.code, place: done.merchant?.name ?? done.org.name }))
    } catch (err) {
      setFailure(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  if (rewards.isPending) return <Loading />
  if (rewards.error) return <LoadError error={rewards.error} onRetry={() => void rewards.refetch()} />
  return (
    <>
      {failure && <Alert>{failure}</Alert>}
      {rewards.data.items.length === 0 ? (
        <p className="h5-muted">{w('noRewards')}</p>
      ) : (
        <ul className="h5-list" aria-label={w('tabRewards')}>
          {rewards.data.items.map((r) => (
            <li key={r.id} className="h5-card">
              <h2 className="h5-card-title">{r.name}</h2>
              {r.description && <p className="h5-muted">{r.description}</p>}
              <p className="h5-points-price">{w('needs', { points: r.points })} · {r.stock > 0 ? w('stock', { n: r.stock }) : w('soldOut')}</p>
              <p className="h5-muted">{w('at', { place: r.merchant?.name ?? r.org.name })}</p>
              {asking?.id === r.id ? (
                <div className="h5-section">
                  <p>{w('confirmRedeem', { points: r.points, name: r.name })}</p>
                  <Button block color="primary" size="large" loading={busy} onClick={() => void redeem(r)}>{w('yes')}</Button>
                  <Button block size="large" onClick={() => setAsking(null)}>{w('no')}</Button>
                </div>
              ) : (
                <Button block color="primary" size="large" disabled={r.stock === 0 || balance < r.points} onClick={() => { setFailure(null); setAsking(r) }}>
                  {r.stock === 0 ? w('soldOut') : balance < r.points ? w('notEnough') : w('redeem')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function MyCodes() {
  const w = useWords(words)
  const t = useT()
  const queryClient = useQueryClient()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const list = useCursorList<Redemption>(['points', 'mine'], '/points/redemptions/mine', undefined, { pageSize: 20 })
  async function cancel(r: Redemption) {
    setMessage(null)
    try {
      await api(`/points/redemptions/${r.id}/cancel`, { method: 'POST', body: { reason: w('cancelReason') } })
      setMessage({ ok: true, text: w('cancelled') })
      await queryClient.invalidateQueries({ queryKey: ['points'] })
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, t) })
    }
  }
  if (list.isPending) return <Loading />
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />
  const items = list.items
  return (
    <>
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      {items.length === 0 ? <p className="h5-muted">{w('noCodes')}</p> : (
        <ul className="h5-list" aria-label={w('tabCodes')}>
          {items.map((r) => (
            <li key={r.id} className="h5-card">
              <h2 className="h5-card-title">{r.reward.name} × {r.quantity}</h2>
              <p className="h5-muted">{w('at', { place: r.merchant?.name ?? r.org.name })} · {w('needs', { points: r.points })}</p>
              <p className={r.status === 'pending' ? 'h5-points-code' : 'h5-points-code h5-points-code-used'} aria-label={`${w('code')} ${r.code}`}>{r.code}</p>
              <p className="h5-muted">{w('status', { status: w(`status_${r.status}`), time: shortTime(r.handledAt ?? r.createdAt) })}</p>
              {r.status === 'pending' && <Button block size="large" onClick={() => void cancel(r)}>{w('cancel')}</Button>}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{w('more')}</Button>}
    </>
  )
}

function ShopDesk() {
  const w = useWords(words)
  const t = useT()
  const queryClient = useQueryClient()
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const waiting = useQuery({ queryKey: ['points', 'shop'], queryFn: () => api<ApiPage<Redemption>>('/points/redemptions?status=pending&limit=50') })
  async function handOver() {
    setBusy(true)
    setMessage(null)
    try {
      const r = await api<Redemption>('/points/redemptions/confirm', { method: 'POST', body: { code: code.trim() } })
      setMessage({ ok: true, text: w('handedOver', { reward: r.reward.name, n: r.quantity, person: r.person.name }) })
      setCode('')
      await queryClient.invalidateQueries({ queryKey: ['points'] })
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, t) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="h5-section">
      <p>{w('shopIntro')}</p>
      <label className="h5-row-title" htmlFor="shop-code">{w('shopCode')}</label>
      <Input id="shop-code" inputMode="numeric" maxLength={8} value={code} onChange={setCode} placeholder="12345678" />
      <Button block color="primary" size="large" loading={busy} disabled={!/^\d{8}$/.test(code.trim())} onClick={() => void handOver()}>{w('handOver')}</Button>
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <h2 className="h5-card-title">{w('waiting')}</h2>
      <ul className="h5-list">
        {(waiting.data?.items ?? []).map((r) => (
          <li key={r.id} className="h5-card h5-points-row">
            <div className="h5-row-text">
              <span className="h5-row-title">{r.reward.name} × {r.quantity}</span>
              <span className="h5-row-desc">{r.person.name} · {shortTime(r.createdAt)}</span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
