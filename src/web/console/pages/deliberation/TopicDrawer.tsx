// One topic (GET /topics/:id): its text, source and support; the stages of its template version
// with who completed each, when and the output; the votes and resolutions; the timeline. The
// actions the caller may take (complete the stage, open a vote, merge, reject) are buttons.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Descriptions, Drawer, Space, Spin, Steps, Timeline, Typography } from 'antd'
import type { Topic } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage, formatTime, linkStyle, StatusTag } from '../../common.tsx'
import { eventWords, outputWords, resolutionStateWords, sourceWords, topicStateWords, useDelibLabels } from './labels.ts'
import { AdvanceModal, MergeModal, RejectModal, VoteCreateModal } from './TopicModals.tsx'
import { VotePanel } from './VotePanel.tsx'
import { ResolutionDrawer } from './ResolutionTracker.tsx'

type Modal = 'advance' | 'merge' | 'reject' | 'vote' | null

export function TopicDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const [modal, setModal] = useState<Modal>(null)
  const [resolution, setResolution] = useState<string | null>(null)
  const topic = useQuery({ queryKey: ['topics', 'one', id], queryFn: () => api<Topic>(`/topics/${id}`), enabled: !!id })
  const t = topic.data
  const live = t && (t.state === 'proposed' || t.state === 'deliberating')
  const current = t?.stages[t.stageIndex]
  const liveVote = t?.votes.find((v) => v.state === 'open' || v.state === 'scheduled')
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={t ? t.title : L.topic}
      extra={t && t.actions.includes('advance') && (
        <Space wrap>
          <Button type="primary" onClick={() => setModal('advance')}>{L.advance}{current ? `：${current.name}` : ''}</Button>
          {t.state === 'deliberating' && !liveVote && <Button onClick={() => setModal('vote')}>{L.newVote}</Button>}
          <Button onClick={() => setModal('merge')}>{L.merge}</Button>
          <Button danger onClick={() => setModal('reject')}>{L.reject}</Button>
        </Space>
      )}>
      {topic.error && <Alert type="error" showIcon title={errorMessage(topic.error)} role="alert" />}
      {topic.isPending && !!id && <Spin />}
      {t && (
        <>
          <Descriptions column={2} size="small" bordered items={[
            { key: 'state', label: L.state, children: <StatusTag tone={topicStateWords[t.state].tone}>{topicStateWords[t.state][lang]}</StatusTag> },
            { key: 'org', label: L.community, children: t.org.name },
            { key: 'stage', label: L.stage, children: `${t.stageIndex + 1}/${t.stageCount} ${t.stageName}${t.overdue ? ` · ${L.overdue}` : t.stageDueAt && live ? ` · ${L.due} ${t.stageDueAt.slice(0, 10)}` : ''}` },
            { key: 'support', label: L.support, children: `${t.supportCount} ${L.supportOf}（${L.needed} ${t.supportNeeded}）` },
            { key: 'proposer', label: L.proposer, children: t.proposer?.name ?? L.none },
            { key: 'collected', label: L.collectedBy, children: t.collectedBy?.name ?? L.none },
            { key: 'template', label: L.template, children: `${t.template.name} · ${L.version} ${t.template.version}` },
            { key: 'source', label: L.source, children: t.source ? (t.source.kind === 'case' ? <a style={linkStyle} href={`/console/cases/${t.source.id}`}>{sourceWords.case![lang]} #{t.source.id}</a> : `${sourceWords[t.source.kind]![lang]} #${t.source.id}`) : L.none },
            { key: 'body', label: L.body, span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.body}</span> },
            ...(t.mergedInto ? [{ key: 'into', label: L.merge, span: 2, children: t.mergedInto.title }] : []),
            ...(t.merged.length ? [{ key: 'merged', label: L.merge, span: 2, children: t.merged.map((m) => m.title).join('；') }] : []),
            ...(t.closeNote ? [{ key: 'note', label: L.reason, span: 2, children: t.closeNote }] : []),
          ]} />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.stages}</Typography.Title>
          <Steps direction="vertical" size="small" current={t.stageIndex}
            items={t.stages.map((s) => ({
              title: s.name,
              status: s.status === 'done' ? 'finish' : s.status === 'current' ? 'process' : 'wait',
              description: (
                <div style={{ color: '#434343' }}>
                  <div style={{ fontSize: 12, color: '#595959' }}>{outputWords[s.output]![lang]}{s.parties.length ? ` · ${s.parties.join('、')}` : ''}{s.quorum ? ` · ≥${s.quorum}人` : ''}{s.deadlineDays ? ` · ${s.deadlineDays}天` : ''}</div>
                  {s.record && <div>{s.record.actor?.name ?? L.system} · {formatTime(s.record.at)}</div>}
                  {s.record?.output && <div style={{ whiteSpace: 'pre-wrap' }}>{s.record.output}</div>}
                </div>
              ),
            }))} />
          {t.meetings.length > 0 && <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.meetings}</Typography.Title>}
          {t.meetings.map((m) => <div key={m.id} style={{ marginBottom: 4 }}>{m.title} <span style={{ color: '#595959' }}>· {formatTime(m.startsAt)}</span></div>)}
          {t.votes.length > 0 && <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.votes}</Typography.Title>}
          {t.votes.map((v) => <VotePanel key={v.id} id={v.id} />)}
          {t.resolutions.length > 0 && <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.resolutions}</Typography.Title>}
          {t.resolutions.map((r) => (
            <div key={r.id} style={{ marginBottom: 8 }}>
              <a style={linkStyle} onClick={() => setResolution(r.id)}>{r.title}</a>{' '}
              <StatusTag tone={resolutionStateWords[r.state].tone}>{resolutionStateWords[r.state][lang]}</StatusTag> {L.progress} {r.progress}%
            </div>
          ))}
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>{L.timeline}</Typography.Title>
          <Timeline items={t.timeline.map((e) => ({
            key: e.id,
            content: (
              <div>
                <strong>{eventWords[e.action]?.[lang] ?? e.action}{e.stageKey && e.action === 'advance' ? `：${t.stages.find((s) => s.key === e.stageKey)?.name ?? e.stageKey}` : ''}</strong>
                <span style={{ color: '#595959', marginInlineStart: 8 }}>{e.actor?.name ?? L.system} · {formatTime(e.at)}</span>
                {e.note && <div>{e.note}</div>}
              </div>
            ),
          }))} />
          <AdvanceModal open={modal === 'advance'} topic={t} onClose={() => setModal(null)} />
          <VoteCreateModal open={modal === 'vote'} topic={t} onClose={() => setModal(null)} />
          <MergeModal open={modal === 'merge'} topic={t} onClose={() => setModal(null)} />
          <RejectModal open={modal === 'reject'} topic={t} onClose={() => setModal(null)} />
        </>
      )}
      <ResolutionDrawer id={resolution} onClose={() => setResolution(null)} />
    </Drawer>
  )
}
