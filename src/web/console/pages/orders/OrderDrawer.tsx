// One order: what was ordered, for whom and where, its timeline (every transition, check-in
// distance, photos, the one-button call's escalation steps) and the actions the reader may take
// now: review (accept for grabbing or for dispatch, refuse with a reason), dispatch from the
// candidates near the address, cancel, confirm or record a follow-up call's rating.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Descriptions, Drawer, Flex, Input, Modal, Rate, Skeleton, Space, Tag, Timeline } from 'antd'
import dayjs from 'dayjs'
import type { OrderDetail } from '@server/modules/orders/orders.schemas.ts'
import { actionLabels, channelLabels, stateLabels } from '@server/modules/orders/orders.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage } from '../../common.tsx'
import { Photos } from '../cases/parts.tsx'
import { fill, useOrderLabels } from './labels.ts'
import { OrderStateTag } from './OrderBoard.tsx'
import { DispatchModal } from './DispatchModal.tsx'
import { SourceTopics } from '../deliberation/SourceTopics.tsx'

export function OrderDrawer({ orderId, onClose }: { orderId: string; onClose: () => void }) {
  const L = useOrderLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const order = useQuery({ queryKey: ['orders', 'one', orderId], queryFn: () => api<OrderDetail>(`/orders/${orderId}`) })
  const [modal, setModal] = useState<'refuse' | 'cancel' | 'rate' | 'dispatch' | null>(null)
  const [text, setText] = useState('')
  const [stars, setStars] = useState(5)
  const [busy, setBusy] = useState(false)
  const o = order.data
  const act = async (action: string, body: Record<string, unknown>) => {
    setBusy(true)
    try {
      const next = await api<OrderDetail>(`/orders/${orderId}/${action}`, { method: 'POST', body })
      queryClient.setQueryData(['orders', 'one', orderId], next)
      await queryClient.invalidateQueries({ queryKey: ['orders'] })
      setModal(null)
      setText('')
    } catch (err) {
      void message.error(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const ackPress = async () => {
    if (!o?.press) return
    try {
      await api(`/device-presses/${o.press.id}/acknowledge`, { method: 'POST' })
      await order.refetch()
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const can = (a: string) => o?.actions.includes(a as never) ?? false
  return (
    <Drawer open onClose={onClose} size="large" title={o ? `#${o.id} ${o.item.name}` : ' '} destroyOnHidden
      extra={o && (
        <Space wrap>
          {can('review') && <Button type="primary" loading={busy} onClick={() => void act('review', { decision: 'accept', grab: true })}>{L.acceptGrab}</Button>}
          {can('review') && <Button loading={busy} onClick={() => void act('review', { decision: 'accept', grab: false })}>{L.acceptDispatch}</Button>}
          {can('review') && <Button danger onClick={() => setModal('refuse')}>{L.refuse}</Button>}
          {can('dispatch') && <Button type="primary" onClick={() => setModal('dispatch')}>{L.dispatch}</Button>}
          {can('confirm') && <Button loading={busy} onClick={() => void act('confirm', { note: '社区代为确认' })}>{L.confirm}</Button>}
          {can('rate') && <Button onClick={() => setModal('rate')}>{L.rateByCall}</Button>}
          {can('cancel') && <Button danger onClick={() => setModal('cancel')}>{L.cancelOrder}</Button>}
        </Space>
      )}>
      {order.error && <Alert type="error" showIcon title={errorMessage(order.error)} role="alert" />}
      {!o && !order.error && <Skeleton active />}
      {o && (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={L.state}><OrderStateTag state={o.state} />{o.urgent && <Tag color="red" style={{ marginLeft: 8 }}>{L.urgent}</Tag>}{o.overdue && <Tag color="red">{L.overdue}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={L.channel}>{channelLabels[o.channel][lang]}</Descriptions.Item>
            <Descriptions.Item label={L.requester}>{o.requester.name}</Descriptions.Item>
            <Descriptions.Item label={L.placedBy}>{o.placedBy && o.placedBy.id !== o.requester.id ? o.placedBy.name : '—'}</Descriptions.Item>
            <Descriptions.Item label={L.address} span={2}>{o.address}</Descriptions.Item>
            <Descriptions.Item label={L.window}>{o.window ? `${dayjs(o.window.from).format('M月D日 HH:mm')}–${dayjs(o.window.to).format('HH:mm')}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={L.due}>{o.dueAt ? dayjs(o.dueAt).format('M月D日 HH:mm') : '—'}</Descriptions.Item>
            <Descriptions.Item label={L.assignee}>{o.assignee ? `${o.assignee.name}（${L[o.assignee.kind]}）` : '—'}</Descriptions.Item>
            <Descriptions.Item label={L.rating}>{o.rating ? <Rate disabled value={o.rating} /> : '—'}</Descriptions.Item>
            {o.note && <Descriptions.Item label={L.note} span={2}>{o.note}</Descriptions.Item>}
            {o.result && <Descriptions.Item label={L.result} span={2}>{o.result}{o.hours ? `（${o.hours} 小时）` : ''}</Descriptions.Item>}
            {o.reason && <Descriptions.Item label={L.reason} span={2}>{o.reason}</Descriptions.Item>}
          </Descriptions>
          {o.photos.length > 0 && <Photos photos={o.photos} />}
          {o.press && (
            <Alert style={{ margin: '16px 0' }} type={o.press.acknowledgedAt ? 'success' : 'warning'} showIcon
              title={`${L.press}：${o.press.steps.map((s) => `${dayjs(s.at).format('HH:mm:ss')} ${stepWord(s.step, L)}（${s.notified}）`).join(' → ')}`}
              description={o.press.acknowledgedBy ? fill(L.acknowledged, { name: o.press.acknowledgedBy.name }) : L.notAcknowledged}
              action={!o.press.acknowledgedAt ? <Button size="small" onClick={() => void ackPress()}>{L.acknowledge}</Button> : undefined} />
          )}
          <SourceTopics kind="order" id={o.id} initial={{ orgId: o.community.id, title: `${o.item.name}：${o.address}`.slice(0, 100), body: o.note || `${o.item.name}（${o.address}）` }} />
          <h3 style={{ fontSize: 16 }}>{L.timeline}</h3>
          <Timeline items={o.timeline.map((e) => ({
            color: e.to === 'refused' || e.to === 'cancelled' ? 'red' : e.action === 'remind' || e.action === 'escalate' || e.action === 'call_step' ? 'orange' : 'blue',
            content: (
              <div>
                <Flex gap={8} wrap><b>{(actionLabels as Record<string, { zh: string; en: string }>)[e.action]?.[lang] ?? e.action}</b>
                  <span style={{ color: '#595959' }}>{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</span>
                  <span>{e.actor?.name ?? (e.actorKind === 'device' ? '一键通' : '系统')}</span>
                  {e.from !== e.to && <span style={{ color: '#595959' }}>→ {stateLabels[e.to as keyof typeof stateLabels]?.[lang] ?? e.to}</span>}</Flex>
                {e.note && <div>{e.note}</div>}
                {typeof e.data.checkIn === 'object' && e.data.checkIn !== null && <div style={{ color: '#595959' }}>{fill(L.meters, { n: (e.data.checkIn as { distanceM: number }).distanceM })}</div>}
                {typeof e.data.rating === 'number' && <Rate disabled value={e.data.rating} style={{ fontSize: 14 }} />}
                {e.photos.length > 0 && <Photos photos={e.photos} size={64} />}
              </div>
            ),
          }))} />
        </>
      )}
      <Modal open={modal === 'refuse' || modal === 'cancel'} title={modal === 'refuse' ? L.refuse : L.cancelOrder} onCancel={() => setModal(null)}
        okButtonProps={{ danger: true, disabled: text.trim().length < 2, loading: busy }} okText={L.submit}
        onOk={() => void (modal === 'refuse' ? act('review', { decision: 'refuse', reason: text.trim() }) : act('cancel', { reason: text.trim() }))}>
        <Input.TextArea aria-label={L.reason} placeholder={L.reason} rows={3} maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>
      <Modal open={modal === 'rate'} title={L.rateByCall} onCancel={() => setModal(null)} okText={L.submit} okButtonProps={{ loading: busy }}
        onOk={() => void act('rate', { rating: stars, comment: text.trim() || undefined, byCall: true })}>
        <Rate value={stars} onChange={setStars} aria-label={L.rating} />
        <Input.TextArea style={{ marginTop: 12 }} aria-label={L.comment} placeholder={L.comment} rows={3} maxLength={300} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>
      {modal === 'dispatch' && o && <DispatchModal order={o} busy={busy} onClose={() => setModal(null)} onDispatch={(body) => void act('dispatch', body)} />}
    </Drawer>
  )
}

function stepWord(step: string, L: ReturnType<typeof useOrderLabels>) {
  return step === 'grid' ? L.ladderGrid : step === 'nearby' ? L.ladderNearby : step === 'duty' ? L.ladderDuty : L.ladderFamily
}
