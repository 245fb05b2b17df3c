// 我的积分 /h5/points: my balance and history, the rewards I can redeem near where I live, and my
// redemption codes (show the code at the shop; cancel one not yet handed over). People who act
// for a merchant also see the codes waiting at their shop and hand items over here.
import { useRef, useState } from 'react'
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { Button, Input } from 'antd-mobile'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import type { Posting, Redemption, Reward } from '@server/modules/points/points.schemas.ts'
import { useText, format, type Text } from '../../labels.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import './points.css'
import { useCursorList } from '../../../shared/useCursorList.ts'

const words = {
  title: { zh: '我的积分', en: 'My points' },
  balance: { zh: '当前积分', en: 'Points' },
  balanceHint: { zh: '参加志愿服务、上报问题经核实、好人好事都能得积分，可以在社区商户兑换商品和服务。', en: 'Earn points by volunteering, verified problem reports and good deeds; spend them at community shops.' },
  tabHistory: { zh: '收支明细', en: 'History' },
  tabRewards: { zh: '兑换商品', en: 'Rewards' },
  tabCodes: { zh: '我的兑换码', en: 'My codes' },
  tabShop: { zh: '商户核销', en: 'Shop' },
  noHistory: { zh: '还没有积分记录', en: 'No points yet' },
  reversed: { zh: '已冲正', en: 'Reversed' },
  more: { zh: '加载更多', en: 'Load more' },
  noRewards: { zh: '附近暂时没有可兑换的商品', en: 'No rewards near you yet' },
  needs: { zh: '{points} 积分', en: '{points} points' },
  stock: { zh: '剩 {n} 件', en: '{n} left' },
  soldOut: { zh: '已兑完', en: 'Sold out' },
  at: { zh: '兑换地点：{place}', en: 'Collect at: {place}' },
  redeem: { zh: '兑换', en: 'Redeem' },
  notEnough: { zh: '积分不够', en: 'Not enough points' },
  confirmRedeem: { zh: '确定用 {points} 积分兑换“{name}”吗？', en: 'Spend {points} points on "{name}"?' },
  yes: { zh: '确定兑换', en: 'Redeem' },
  no: { zh: '再想想', en: 'Not now' },
  redeemed: { zh: '兑换成功！兑换码 {code}，请到{place}出示领取。', en: 'Done! Your code is {code}; show it at {place}.' },
  noCodes: { zh: '还没有兑换过', en: 'No redemptions yet' },
  code: { zh: '兑换码', en: 'Code' },
  status: { zh: '{status} · {time}', en: '{status} · {time}' },
  cancel: { zh: '不要了，取消兑换', en: 'Cancel this redemption' },
  cancelReason: { zh: '用户在手机上取消', en: 'Cancelled on the phone' },
  cancelled: { zh: '已取消，积分已退回', en: 'Cancelled; points returned' },
  shopIntro: { zh: '顾客出示兑换码后，输入 8 位数字确认交付。', en: 'Enter the customer’s 8-digit code to hand the item over.' },
  shopCode: { zh: '顾客的兑换码', en: 'Customer’s code' },
  handOver: { zh: '确认交付', en: 'Hand over' },
  handedOver: { zh: '已交付：{reward} × {n}（{person}）', en: 'Handed over: {reward} × {n} ({person})' },
  waiting: { zh: '待交付', en: 'Waiting' },
} satisfies Record<string, Text>

const statusWords: Record<Redemption['status'], Text> = {
  pending: { zh: '待领取', en: 'To collect' },
  handed_over: { zh: '已领取', en: 'Collected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
}

type Tab = 'history' | 'rewards' | 'codes' | 'shop'

interface MyAccount { id: string | null; balance: number; postings: ApiPage<Posting>; merchants: { id: string; name: string }[] }

const shortTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '')

/** getRandomValues works on plain http too, where crypto.randomUUID does not exist. */
const newKey = () => 'h5-' + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')

export default function MyPointsPage() {
  const { lang } = useI18n()
  const tx = (t: Text, params: Record<string, string | number> = {}) => format(t[lang], params)
  const [tab, setTab] = useState<Tab>('history')
  const [notice, setNotice] = useState<string | null>(null)
  const account = useQuery({ queryKey: ['points', 'me'], queryFn: () => api<MyAccount>('/points/accounts/me') })
  const isShop = (account.data?.merchants.length ?? 0) > 0
  const tabs: [Tab, Text][] = [['history', words.tabHistory], ['rewards', words.tabRewards], ['codes', words.tabCodes], ...(isShop ? [['shop', words.tabShop] as [Tab, Text]] : [])]
  return (
    <Page title={tx(words.title)}>
      {account.isPending ? (
        <Loading />
      ) : account.error ? (
        <LoadError error={account.error} onRetry={() => void account.refetch()} />
      ) : (
        <>
          <section className="h5-card h5-points-balance" aria-label={tx(words.balance)}>
            <p className="h5-muted">{tx(words.balance)}</p>
            <p className="h5-points-number">{account.data.balance.toLocaleString()}</p>
            <p className="h5-muted">{tx(words.balanceHint)}</p>
          </section>
          <div className="h5-chips" role="group" aria-label={tx(words.title)}>
            {tabs.map(([key, label]) => (
              <button key={key} type="button" className="h5-chip" aria-pressed={tab === key} onClick={() => { setNotice(null); setTab(key) }}>{tx(label)}</button>
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
  const tx = useText()
  const more = useInfiniteQuery({
    queryKey: ['points', 'history', accountId],
    initialPageParam: first.nextCursor,
    queryFn: ({ pageParam }) => api<ApiPage<Posting>>(`/points/accounts/${accountId}/postings?limit=20&cursor=${pageParam}`),
    getNextPageParam: (last) => last.nextCursor,
    enabled: false,
  })
  const items = [...first.items, ...(more.data?.pages.flatMap((p) => p.items) ?? [])]
  const hasMore = more.data ? more.hasNextPage : first.nextCursor !== null
  if (items.length === 0) return <p className="h5-muted">{tx(words.noHistory)}</p>
  return (
    <>
      <ul className="h5-list" aria-label={tx(words.tabHistory)}>
        {items.map((p) => (
          <li key={p.id} className="h5-card h5-points-row">
            <div className="h5-row-text">
              <span className="h5-row-title">{p.memo}</span>
              <span className="h5-row-desc">{shortTime(p.createdAt)}{p.reversed ? ` · ${tx(words.reversed)}` : ''}</span>
            </div>
            <span className={p.amount > 0 ? 'h5-points-plus' : 'h5-points-minus'}>{p.amount > 0 ? `+${p.amount}` : p.amount}</span>
          </li>
        ))}
      </ul>
      {hasMore && (
        <Button block size="large" loading={more.isFetching} onClick={() => void (more.data ? more.fetchNextPage() : more.refetch())}>{tx(words.more)}</Button>
      )}
    </>
  )
}

function RewardList({ balance, onRedeemed }: { balance: number; onRedeemed: (text: string) => void }) {
  const tx = useText()
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
      onRedeemed(tx(words.redeemed, { code: done.code, place: done.merchant?.name ?? done.org.name }))
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
        <p className="h5-muted">{tx(words.noRewards)}</p>
      ) : (
        <ul className="h5-list" aria-label={tx(words.tabRewards)}>
          {rewards.data.items.map((r) => (
            <li key={r.id} className="h5-card">
              <h2 className="h5-card-title">{r.name}</h2>
              {r.description && <p className="h5-muted">{r.description}</p>}
              <p className="h5-points-price">{tx(words.needs, { points: r.points })} · {r.stock > 0 ? tx(words.stock, { n: r.stock }) : tx(words.soldOut)}</p>
              <p className="h5-muted">{tx(words.at, { place: r.merchant?.name ?? r.org.name })}</p>
              {asking?.id === r.id ? (
                <div className="h5-section">
                  <p>{tx(words.confirmRedeem, { points: r.points, name: r.name })}</p>
                  <Button block color="primary" size="large" loading={busy} onClick={() => void redeem(r)}>{tx(words.yes)}</Button>
                  <Button block size="large" onClick={() => setAsking(null)}>{tx(words.no)}</Button>
                </div>
              ) : (
                <Button block color="primary" size="large" disabled={r.stock === 0 || balance < r.points} onClick={() => { setFailure(null); setAsking(r) }}>
                  {r.stock === 0 ? tx(words.soldOut) : balance < r.points ? tx(words.notEnough) : tx(words.redeem)}
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
  const tx = useText()
  const t = useT()
  const queryClient = useQueryClient()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const list = useCursorList<Redemption>(['points', 'mine'], '/points/redemptions/mine', undefined, { pageSize: 20 })
  async function cancel(r: Redemption) {
    setMessage(null)
    try {
      await api(`/points/redemptions/${r.id}/cancel`, { method: 'POST', body: { reason: tx(words.cancelReason) } })
      setMessage({ ok: true, text: tx(words.cancelled) })
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
      {items.length === 0 ? <p className="h5-muted">{tx(words.noCodes)}</p> : (
        <ul className="h5-list" aria-label={tx(words.tabCodes)}>
          {items.map((r) => (
            <li key={r.id} className="h5-card">
              <h2 className="h5-card-title">{r.reward.name} × {r.quantity}</h2>
              <p className="h5-muted">{tx(words.at, { place: r.merchant?.name ?? r.org.name })} · {tx(words.needs, { points: r.points })}</p>
              <p className={r.status === 'pending' ? 'h5-points-code' : 'h5-points-code h5-points-code-used'} aria-label={`${tx(words.code)} ${r.code}`}>{r.code}</p>
              <p className="h5-muted">{tx(words.status, { status: tx(statusWords[r.status]), time: shortTime(r.handledAt ?? r.createdAt) })}</p>
              {r.status === 'pending' && <Button block size="large" onClick={() => void cancel(r)}>{tx(words.cancel)}</Button>}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && <Button block size="large" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{tx(words.more)}</Button>}
    </>
  )
}

function ShopDesk() {
  const tx = useText()
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
      setMessage({ ok: true, text: tx(words.handedOver, { reward: r.reward.name, n: r.quantity, person: r.person.name }) })
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
      <p>{tx(words.shopIntro)}</p>
      <label className="h5-row-title" htmlFor="shop-code">{tx(words.shopCode)}</label>
      <Input id="shop-code" inputMode="numeric" maxLength={8} value={code} onChange={setCode} placeholder="12345678" />
      <Button block color="primary" size="large" loading={busy} disabled={!/^\d{8}$/.test(code.trim())} onClick={() => void handOver()}>{tx(words.handOver)}</Button>
      {message && <Alert kind={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <h2 className="h5-card-title">{tx(words.waiting)}</h2>
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
