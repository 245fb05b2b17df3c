// 一键呼叫 /h5/sos, for someone with a one-button device (GET /devices/mine): one very big round
// red button; pressing it asks nothing more (POST /devices/mine/press). Within the device's cancel
// window a countdown and a big "误按，取消" (POST /device-presses/:id/cancel); after it, "已通知网格员
// 和附近的志愿者" and a link to the order the call became.
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { Button } from 'antd-mobile'
import { PhoneFill } from 'antd-mobile-icons'
import type { Order } from '@server/modules/orders/orders.schemas.ts'
import { api, type Page as ApiPage } from '../../../shared/api.ts'
import { Alert, errorText, LoadError, Loading, Page } from '../../ui.tsx'
import { useT } from '../../labels.ts'
import { useMyDevice } from './SosEntry.tsx'
import { useOrderWords } from './words.ts'
import './orders.css'

interface PressResult { pressId: string | null; state: 'pending' | 'ordered' | 'heartbeat' | 'cancelled'; orderAt: string | null; orderId: string | null }
type Stage = { kind: 'idle' } | { kind: 'pending'; pressId: string; orderAt: number; pressedAt: number } | { kind: 'cancelled' } | { kind: 'ordered'; orderId?: string | null; pressedAt: number }

/** The order a press became once its window passed: my newest device order since the press. */
async function findOrder(since: number): Promise<string | null> {
  for (let i = 0; i < 5; i++) {
    const page = await api<ApiPage<Order>>('/orders?view=mine&limit=10')
    const o = page.items.find((x) => (x.channel === 'device' || x.channel === 'elder_button') && Date.parse(x.createdAt) >= since - 2000)
    if (o) return o.id
    await new Promise((r) => setTimeout(r, 1000))
  }
  return null
}

export default function SosPage() {
  const w = useOrderWords()
  const t = useT()
  const device = useMyDevice()
  const [stage, setStage] = useState<Stage>({ kind: 'idle' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(Date.now())

  useEffect(() => {
    if (stage.kind !== 'pending') return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [stage.kind])

  const left = stage.kind === 'pending' ? Math.max(0, Math.ceil((stage.orderAt - now) / 1000)) : 0
  useEffect(() => {
    if (stage.kind !== 'pending' || left > 0) return
    const pressedAt = stage.pressedAt
    setStage({ kind: 'ordered', pressedAt })
    void findOrder(pressedAt).then((orderId) => setStage((s) => (s.kind === 'ordered' && s.pressedAt === pressedAt ? { ...s, orderId } : s)), () => setStage((s) => (s.kind === 'ordered' && s.pressedAt === pressedAt ? { ...s, orderId: null } : s)))
  }, [stage, left])

  async function press() {
    setError(null)
    setBusy(true)
    const pressedAt = Date.now()
    try {
      const r = await api<PressResult>('/devices/mine/press', { method: 'POST' })
      // The server's clock decides; the phone counts down no longer than the device's window.
      const wait = Math.min((device.data?.items[0]?.cancelWindowS ?? 60) * 1000, Math.max(0, Date.parse(r.orderAt ?? '') - Date.now()) || 0)
      if (r.state === 'pending' && r.pressId) setStage({ kind: 'pending', pressId: r.pressId, orderAt: Date.now() + wait, pressedAt })
      else setStage({ kind: 'ordered', orderId: r.orderId, pressedAt })
      setNow(Date.now())
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  async function cancel() {
    if (stage.kind !== 'pending') return
    setError(null)
    setBusy(true)
    try {
      await api(`/device-presses/${stage.pressId}/cancel`, { method: 'POST' })
      setStage({ kind: 'cancelled' })
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  if (device.isPending) return <Page title={w('sos')}><Loading /></Page>
  if (device.error) return <Page title={w('sos')}><LoadError error={device.error} onRetry={() => void device.refetch()} /></Page>
  if (device.data.items.length === 0) return <Page title={w('sos')}><p className="h5-card h5-lead">{w('sosNoDevice')}</p></Page>

  return (
    <Page title={w('sos')}>
      {error && <Alert>{error}</Alert>}
      <div className="h5-sos" aria-live="assertive">
        {stage.kind === 'idle' && (
          <>
            <button type="button" className="h5-sos-button" disabled={busy} onClick={() => void press()}>
              <PhoneFill aria-hidden="true" />
              <span>{w('sosPress')}</span>
            </button>
            <p className="h5-sos-hint">{w('sosPressHint')}</p>
          </>
        )}
        {stage.kind === 'pending' && (
          <>
            <div className="h5-sos-count" role="timer" aria-label={w('sosPending', { n: left })}>{left}</div>
            <p className="h5-sos-state">{w('sosPending', { n: left })}</p>
            <Button block size="large" className="h5-sos-cancel" loading={busy} onClick={() => void cancel()}>{w('sosCancel')}</Button>
          </>
        )}
        {stage.kind === 'cancelled' && (
          <>
            <p className="h5-sos-state">{w('sosCancelled')}</p>
            <Button block size="large" onClick={() => setStage({ kind: 'idle' })}>{w('sosAgain')}</Button>
          </>
        )}
        {stage.kind === 'ordered' && (
          <>
            <p className="h5-sos-state h5-sos-done">{w('sosOrdered')}</p>
            <p className="h5-lead">{w('sosOrderedHint')}</p>
            {stage.orderId === undefined ? <Loading /> : <Link className="h5-big-link" to={stage.orderId ? `/my-orders/${stage.orderId}` : '/my-orders'}>{w('sosSeeOrder')} ›</Link>}
          </>
        )}
      </div>
    </Page>
  )
}
