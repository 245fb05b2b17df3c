// One notice: its text, audience and channels, the figures (sent, delivered, opened,
// acknowledged with the answers, minutes to 80 %, calls and door visits), the follow-ups (remind
// only the waiting, hand the rest to their grid workers, withdraw, send a draft) and the receipt
// table, unopened first.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Popconfirm, Row, Space, Statistic, Typography } from 'antd'
import type { Broadcast, BroadcastFigures, FollowUp, Handover } from '@server/modules/broadcasts/broadcasts.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { channelWords, duration, fill, stateWords, useBroadcastLabels } from './labels.ts'
import { ReceiptTable } from './ReceiptTable.tsx'

export function BroadcastDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const L = useBroadcastLabels()
  const { lang } = useI18n()
  const { message, modal } = App.useApp()
  const queryClient = useQueryClient()
  const notice = useQuery({ queryKey: ['broadcasts', 'one', id], queryFn: () => api<Broadcast>(`/broadcasts/${id}`), enabled: !!id })
  const b = notice.data
  const figures = useQuery({ queryKey: ['broadcasts', 'figures', id], queryFn: () => api<BroadcastFigures>(`/broadcasts/${id}/figures`), enabled: !!id && !!b?.canManage })
  const act = async <T,>(path: string, done: (r: T) => string) => {
    try {
      const r = await api<T>(`/broadcasts/${id}/${path}`, { method: 'POST', body: {} })
      await queryClient.invalidateQueries({ queryKey: ['broadcasts'] })
      void message.success(done(r))
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const f = figures.data
  const stat = (title: string, value: number | string, suffix?: string) => (
    <Col xs={12} md={6} key={title}><Card size="small"><Statistic title={title} value={value} suffix={suffix} /></Card></Col>
  )
  return (
    <Drawer open={!!id} onClose={onClose} size={1120} title={b?.title ?? L.notice}
      extra={b?.canManage && (
        <Space>
          {b.state === 'draft' && <Button type="primary" onClick={() => void act<Broadcast>('send', () => L.sent)}>{L.sendDraft}</Button>}
          {b.state === 'sent' && <Button onClick={() => void act<FollowUp>('remind', (r) => fill(L.reminded, r))}>{L.remind}</Button>}
          {b.state === 'sent' && <Button onClick={() => void act<Handover>('handover', (r) => { modal.info({ title: L.handover, content: fill(L.handedOver, r) }); return L.handover })}>{L.handover}</Button>}
          {b.state !== 'withdrawn' && (
            <Popconfirm title={L.withdrawConfirm} onConfirm={() => void act<Broadcast>('withdraw', () => L.withdraw)}>
              <Button danger>{L.withdraw}</Button>
            </Popconfirm>
          )}
        </Space>
      )}>
      {notice.error && <Alert type="error" showIcon title={errorMessage(notice.error)} role="alert" />}
      {b && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
            { key: 'state', label: L.state, children: <StatusTag tone={stateWords[b.state].tone}>{stateWords[b.state][lang]}</StatusTag> },
            { key: 'audience', label: L.audience, children: b.audienceLabel },
            { key: 'channels', label: L.channels, children: b.channels.map((c) => channelWords[c][lang]).join('、') },
            { key: 'ack', label: L.ackOptions, children: b.ackRequired ? b.ackOptions.join(' / ') : '—' },
            { key: 'author', label: L.author, children: `${b.author.name}（${b.org.name}）` },
            { key: 'sentAt', label: L.sentAt, children: formatTime(b.sentAt) || '—' },
            { key: 'body', label: L.body, span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{b.body}</Typography.Paragraph> },
          ]} />
          {f && (
            <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
              {stat(L.recipients, f.recipients)}
              {stat(L.delivered, f.delivered)}
              {stat(L.opened, f.opened, f.recipients ? `/ ${Math.round((f.opened / f.recipients) * 100)}%` : undefined)}
              {stat(L.acknowledged, f.acknowledged, f.recipients ? `/ ${Math.round((f.acknowledged / f.recipients) * 100)}%` : undefined)}
              {stat(L.to80, duration(f.minutesTo80, lang))}
              {stat(L.callsToMake, f.calls.toMake)}
              {stat(L.callsReached, f.calls.reached)}
              {stat(L.handed, f.handed)}
              {f.ackChoices.length > 0 && (
                <Col span={24}><Typography.Text type="secondary">{L.ackChoice}：{f.ackChoices.map((c) => `${c.choice} ${c.count}`).join('，')}</Typography.Text></Col>
              )}
            </Row>
          )}
          {b.state !== 'draft' && <ReceiptTable broadcast={b} />}
        </>
      )}
    </Drawer>
  )
}
