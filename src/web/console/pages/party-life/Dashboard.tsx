// 看板: one Party organisation's year: for each required kind of meeting its periods (held,
// planned, due soon, late, missing) with the meetings in them, member counts by relation, members
// absent three times or more in a row, study hours.
import { useQuery } from '@tanstack/react-query'
import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd'
import { useNavigate } from 'react-router'
import type { z } from 'zod'
import type { dashboardSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { meetingKinds } from '@server/modules/meetings/meetings.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { EmptyText, errorMessage, StatusTag } from '../../common.tsx'
import { frequencyWords, partyRelationWords, periodStatusWords, statusTones, usePartyLifeLabels } from './labels.ts'

type Dashboard = z.infer<typeof dashboardSchema>

export function DashboardTab({ partyOrgId, year }: { partyOrgId: string; year: number }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const navigate = useNavigate()
  const found = useQuery({
    queryKey: ['party-life', 'dashboard', partyOrgId, year],
    queryFn: () => api<Dashboard>(`/party-orgs/${partyOrgId}/dashboard?year=${year}`),
  })
  const d = found.data
  if (found.error) return <Alert type="error" showIcon title={errorMessage(found.error)} role="alert" />
  if (!d) return null
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title={`${L.members}（${L.direct}/${L.participating}/${L.assisting}）`} value={`${d.members.direct} / ${d.members.participating} / ${d.members.assisting}`} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={L.held} value={d.kinds.reduce((t, k) => t + k.held, 0)} suffix={`/ ${d.kinds.reduce((t, k) => t + k.dueSoFar, 0)}`} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={L.late} value={d.kinds.reduce((t, k) => t + k.late, 0)} valueStyle={{ color: '#ad4e00' }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={L.missing} value={d.kinds.reduce((t, k) => t + k.missing, 0)} valueStyle={{ color: '#a8071a' }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={L.studyHours} value={d.studyHours} precision={1} /></Card></Col>
      </Row>
      <Card size="small" title={`${d.org.name} · ${d.year}`} extra={<Typography.Text type="secondary">{L.today} {d.today}</Typography.Text>}>
        <Table rowKey="kind" size="small" pagination={false} dataSource={d.kinds} locale={{ emptyText: <EmptyText>—</EmptyText> }}
          columns={[
            { title: L.kind, key: 'kind', width: 110, render: (_, k) => <strong>{meetingKinds[k.kind][lang]}</strong> },
            { title: L.frequency, key: 'f', width: 80, render: (_, k) => frequencyWords[k.frequency][lang] },
            { title: `${L.held}/${L.dueSoFar}`, key: 'n', width: 80, render: (_, k) => `${k.held}/${k.dueSoFar}` },
            {
              title: L.periods, key: 'periods', render: (_, k) => (
                <Space size={2} wrap>
                  {k.periods.map((p) => (
                    <Tooltip key={p.from} title={p.meetings.length ? p.meetings.map((m) => m.title).join('、') : periodStatusWords[p.status][lang]}>
                      <span role={p.meetings[0] ? 'link' : undefined} style={{ cursor: p.meetings[0] ? 'pointer' : 'default' }} onClick={() => p.meetings[0] && navigate(`/meetings/${p.meetings[0].id}`)}>
                        <StatusTag tone={statusTones[p.status]}>{p.label} {periodStatusWords[p.status][lang]}</StatusTag>
                      </span>
                    </Tooltip>
                  ))}
                </Space>
              ),
            },
          ]} />
      </Card>
      <Card size="small" title={L.missedInARow}>
        {d.missedInARow.length === 0 ? <Typography.Text type="secondary">{L.noneMissed}</Typography.Text> : (
          <Descriptions size="small" column={1} bordered
            items={d.missedInARow.map((m) => ({
              key: m.person.id, label: `${m.person.name}（${partyRelationWords[m.relation][lang]}）`,
              children: <><StatusTag tone="danger">{L.streak} {m.streak}</StatusTag>{m.lastAbsenceReason && <Typography.Text type="secondary">{L.lastReason}：{m.lastAbsenceReason}</Typography.Text>}</>,
            }))} />
        )}
      </Card>
    </Space>
  )
}
