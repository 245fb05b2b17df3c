// "转为议题" on a record's page (a case): the topics raised from it (GET /topics?sourceKind=&sourceId=,
// linked both ways), each opening in 协商议事, and the button that raises one, filled in from the record.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Button, Card, Flex, Typography } from 'antd'
import { Link, useNavigate } from 'react-router'
import type { SourceKind, TopicSummary } from '@server/modules/deliberation/deliberation.schemas.ts'
import { api, type Page } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { linkStyle, StatusTag } from '../../common.tsx'
import { topicStateWords, useDelibLabels } from './labels.ts'
import { ProposeModal } from './TopicModals.tsx'

export function SourceTopics({ kind, id, initial }: { kind: SourceKind; id: string; initial: { orgId?: string; title: string; body: string } }) {
  const L = useDelibLabels()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const q = useQuery({ queryKey: ['topics', 'source', kind, id], queryFn: () => api<Page<TopicSummary>>(`/topics?sourceKind=${kind}&sourceId=${id}`) })
  const topics = q.data?.items ?? []
  return (
    <Card title={L.fromCase} style={{ marginBottom: 16 }} extra={<Button onClick={() => setOpen(true)}>{L.raiseTopic}</Button>}>
      {q.isPending ? null : topics.length === 0 ? <Typography.Text type="secondary">{L.noTopicYet}</Typography.Text> : (
        <Flex vertical gap={8}>
          {topics.map((t) => (
            <Flex key={t.id} gap={8} align="center" wrap>
              <Link to={`/deliberation?topic=${t.id}`} style={linkStyle}>{t.title}</Link>
              <StatusTag tone={topicStateWords[t.state].tone}>{topicStateWords[t.state][lang]}</StatusTag>
              <span style={{ color: '#595959' }}>{t.stageName}</span>
            </Flex>
          ))}
        </Flex>
      )}
      <ProposeModal open={open} onClose={() => setOpen(false)} source={{ kind, id }} initial={initial}
        onCreated={(topicId) => void navigate(`/deliberation?topic=${topicId}`)} />
    </Card>
  )
}
