// One vote (GET /votes/:id): mode, window, electorate and turnout while it runs (totals stay hidden
// until it closes), the result (online, paper, total; quorum and threshold), the paper tallies with
// their two tellers, and the managers' buttons: remind those who have not voted, enter or confirm
// a paper tally, close and count.
import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd'
import type { z } from 'zod'
import type { voteSchema } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime, StatusTag } from '../../common.tsx'
import { choiceWords, useDelibLabels } from './labels.ts'

type Vote = z.infer<typeof voteSchema>
type Counts = { for: number; against: number; abstain: number }

export function VotePanel({ id }: { id: string }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [tally, setTally] = useState<{ confirm?: string } | null>(null)
  const vote = useQuery({ queryKey: ['votes', id], queryFn: () => api<Vote>(`/votes/${id}`) })
  const v = vote.data
  if (!v) return null
  const act = async (path: string, body?: unknown) => {
    try {
      const res = await api<{ reminded?: number }>(path, { method: 'POST', body })
      if (typeof res.reminded === 'number') void message.success(`${L.reminded} ${res.reminded}`)
      await queryClient.invalidateQueries({ queryKey: ['votes'] })
      await queryClient.invalidateQueries({ queryKey: ['topics'] })
      setTally(null)
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  const running = v.state === 'open' || v.state === 'scheduled'
  const r = v.result
  const row = (label: string, c: Counts) => ({ key: label, label, ...c })
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={<Space>{v.title}<Tag>{v.mode === 'secret' ? L.secret : L.open}</Tag></Space>}
      extra={v.manage && running && (
        <Space>
          {v.state === 'open' && <Button size="small" onClick={() => void act(`/votes/${id}/remind`)}>{L.remind}</Button>}
          <Button size="small" onClick={() => setTally({})}>{L.enterTally}</Button>
          <Button size="small" type="primary" onClick={() => void act(`/votes/${id}/close`)}>{L.closeVote}</Button>
        </Space>
      )}>
      <Descriptions size="small" column={3} items={[
        { key: 'closes', label: L.closesAt, children: formatTime(v.closesAt) },
        { key: 'rules', label: L.quorum, children: `${v.quorumPercent}% · ${L.threshold} ${v.thresholdPercent}%` },
        { key: 'turnout', label: L.participants, children: `${v.participants ?? '—'} / ${v.electorate ?? '—'}` },
      ]} />
      {r ? (
        <>
          <StatusTag tone={r.passed ? 'success' : 'danger'}>{r.passed ? L.passed : r.quorumMet ? L.failed : L.quorumMissed}</StatusTag>
          <Table size="small" pagination={false} style={{ marginTop: 8 }} dataSource={[row(L.online, r.online), row(L.paper, r.paper), row(L.totals, r.totals)]}
            columns={[{ title: '', dataIndex: 'label' }, ...(['for', 'against', 'abstain'] as const).map((c) => ({ title: choiceWords[c][lang], dataIndex: c }))]} />
        </>
      ) : <div style={{ color: '#595959' }}>{L.resultHidden}</div>}
      {v.tallies.length > 0 && (
        <Table size="small" pagination={false} style={{ marginTop: 8 }} rowKey="id" dataSource={v.tallies} caption={L.paper}
          columns={[
            { title: L.tallyLabel, dataIndex: 'label' },
            ...(['for', 'against', 'abstain'] as const).map((c) => ({ title: choiceWords[c][lang], dataIndex: c })),
            { title: L.confirm, key: 'c', render: (_: unknown, t: Vote['tallies'][number]) => t.confirmedBy ? `${L.confirmed}（${t.enteredBy.name}、${t.confirmedBy.name}）`
              : v.manage && running ? <Button size="small" onClick={() => setTally({ confirm: t.id })}>{L.confirm}</Button> : L.awaiting },
          ]} />
      )}
      {v.ballots && <div style={{ marginTop: 8 }}>{v.ballots.map((b) => `${b.voter.name}：${choiceWords[b.choice][lang]}`).join('；')}</div>}
      <TallyModal open={!!tally} confirm={tally?.confirm} onClose={() => setTally(null)}
        onSubmit={(c) => act(tally?.confirm ? `/paper-tallies/${tally.confirm}/confirm` : `/votes/${id}/tallies`, c)} />
    </Card>
  )
}

function TallyModal({ open, confirm, onClose, onSubmit }: { open: boolean; confirm?: string; onClose: () => void; onSubmit: (c: Counts & { label?: string }) => Promise<void> }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const [form] = Form.useForm()
  return (
    <Modal open={open} title={confirm ? L.confirm : L.enterTally} onCancel={onClose} destroyOnHidden onOk={() => form.validateFields().then(onSubmit)}>
      {confirm && <p style={{ color: '#595959' }}>{L.confirmHint}</p>}
      <Form form={form} layout="inline" preserve={false} initialValues={{ for: 0, against: 0, abstain: 0 }}>
        {!confirm && <Form.Item name="label" label={L.tallyLabel} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>}
        {(['for', 'against', 'abstain'] as const).map((c) => <Form.Item key={c} name={c} label={choiceWords[c][lang]}><InputNumber min={0} /></Form.Item>)}
      </Form>
    </Modal>
  )
}
