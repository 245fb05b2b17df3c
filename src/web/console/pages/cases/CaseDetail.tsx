// One case: state, level, category and the running deadline; what was reported (photos, place
// on a small map); what may be done now (CaseActions); the whole history as a timeline; and the
// topics raised from it for residents to deliberate (转为议题).
import { navigationLinks } from '../../../shared/navigation.ts'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { Alert, Card, Col, Descriptions, Flex, Rate, Row, Skeleton, Timeline, Typography } from 'antd'
import { api, ApiError } from '../../../shared/api.ts'
import { errorMessage, formatTime, linkStyle, PageTheme, StatusTag } from '../../common.tsx'
import { dueAt, type CaseDetail, type TimelineEntry } from '../../../shared/cases.ts'
import { useCaseLabels } from '../../../shared/caseLabels.ts'
import { Deadline, Photos, ReporterPhone, StateTag, stateColors } from './parts.tsx'
import { CaseActionButtons } from './CaseActions.tsx'
import { CaseMapView } from './CaseMapView.tsx'
import { SourceTopics } from '../deliberation/SourceTopics.tsx'

export default function CaseDetailPage() {
  return (
    <PageTheme>
      <CaseDetailView />
    </PageTheme>
  )
}

function TimelineItem({ e }: { e: TimelineEntry }) {
  const { L, action, state } = useCaseLabels()
  return (
    <div>
      <Flex wrap gap={8} align="baseline">
        <strong>{action(e.action)}</strong>
        {e.from && e.to && e.from !== e.to && (
          <span style={{ color: '#595959' }}>
            {state(e.from)} → {state(e.to)}
          </span>
        )}
        <span>{e.actor?.name ?? L.systemActor}</span>
        <time dateTime={e.at} style={{ color: '#595959' }}>{formatTime(e.at)}</time>
      </Flex>
      {e.note && <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
      {e.photos.length > 0 && <div style={{ marginTop: 4 }}><Photos photos={e.photos} size={64} /></div>}
    </div>
  )
}

function CaseDetailView() {
  const { id } = useParams()
  const { L, f, level, channel, lang } = useCaseLabels()
  const q = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetail>(`/cases/${id}`), retry: false })
  if (q.isPending) return <Skeleton active />
  if (q.error) {
    const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403)
    return <Alert type="error" showIcon role="alert" title={notFound ? L.notFound : errorMessage(q.error)} />
  }
  const c = q.data
  const point = { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [c.location.lng, c.location.lat] as [number, number] }, properties: { id: c.id, state: c.state, categoryCode: c.categoryCode, overdue: c.overdue, level: c.level } }

  return (
    <div>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/cases" style={linkStyle}>‹ {L.title}</Link>
      </Typography.Paragraph>
      <Flex wrap align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          #{c.id} {c.categoryName}
        </Typography.Title>
        <StateTag state={c.state} />
        <StatusTag tone="muted">{L.level}{lang === 'en' ? ': ' : '：'}{level(c.level)}</StatusTag>
        {c.mergedIntoId && <Link to={`/cases/${c.mergedIntoId}`} style={linkStyle}>{f(L.mergedInto, { id: c.mergedIntoId })}</Link>}
        {dueAt(c) && <Deadline c={c} />}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={L.actions} style={{ marginBottom: 16 }}>
            <CaseActionButtons c={c} />
          </Card>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={L.description} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={L.address} span={2}>{c.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={L.grid}>{c.communityName ? `${c.communityName} · ${c.gridName}` : c.gridName}</Descriptions.Item>
              <Descriptions.Item label={L.handler}>{c.handlingOrgName}</Descriptions.Item>
              <Descriptions.Item label={L.assignee}>{c.assignee?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L.reporter}>
                {c.reporter?.name ?? (c.anonymous ? L.anonymous : '—')}
                {c.reporterPhone && <ReporterPhone caseId={c.id} masked={c.reporterPhone} />}
              </Descriptions.Item>
              <Descriptions.Item label={L.reported}>{formatTime(c.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={L.channel}>{channel(c.channel)}</Descriptions.Item>
              {c.result && <Descriptions.Item label={L.result} span={2}>{c.result}</Descriptions.Item>}
              {c.rejectReason && <Descriptions.Item label={L.rejectReason} span={2}>{c.rejectReason}</Descriptions.Item>}
              {c.rating !== null && (
                <Descriptions.Item label={L.rating} span={2}>
                  <Rate disabled value={c.rating} style={{ fontSize: 16 }} /> {c.ratingComment}
                </Descriptions.Item>
              )}
              {c.revisitedAt && (
                <Descriptions.Item label={L.revisitRecord} span={2}>
                  {[c.revisitFixed ? L.yes : L.no, c.revisitSatisfaction ? L.satisfactions[c.revisitSatisfaction] : null, formatTime(c.revisitedAt)].filter(Boolean).join(' · ')}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Flex wrap gap={8} style={{ marginTop: 8, color: '#595959' }}>
              {c.followers > 0 && <span>{f(L.followers, { n: c.followers })}</span>}
              {c.reopens > 0 && <span>{f(L.reopens, { n: c.reopens })}</span>}
              {c.escalations > 0 && <span>{f(L.escalations, { n: c.escalations })}</span>}
            </Flex>
          </Card>
          <Card title={L.timeline} style={{ marginBottom: 16 }}>
            <Timeline
              items={c.timeline.map((e) => ({
                key: e.id,
                color: e.to ? stateColors[e.to] : 'gray',
                content: <TimelineItem e={e} />,
              }))}
            />
          </Card>
          <SourceTopics kind="case" id={c.id} initial={{ orgId: c.communityId ?? undefined, title: `${c.categoryName}：${c.address || c.gridName}`.slice(0, 100), body: c.description }} />
          {c.meetings.length > 0 && (
            <Card title={L.meetingsTitle} style={{ marginBottom: 16 }}>
              {c.meetings.map((m) => (
                <Descriptions key={m.id} column={1} size="small" style={{ marginBottom: 12 }}>
                  <Descriptions.Item label={L.heldAt}>{formatTime(m.heldAt)}</Descriptions.Item>
                  <Descriptions.Item label={L.participants}>{m.participants.join('、')}</Descriptions.Item>
                  <Descriptions.Item label={L.conclusion}>{m.conclusion}</Descriptions.Item>
                  <Descriptions.Item label={L.recordedBy}>{m.recordedBy?.name ?? '—'}</Descriptions.Item>
                </Descriptions>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card title={L.photos} style={{ marginBottom: 16 }}>
            {c.photos.length ? <Photos photos={c.photos} /> : <span style={{ color: '#595959' }}>{L.noPhotos}</span>}
          </Card>
          <Card title={L.location}>
            <CaseMapView features={[point]} label={`${L.location} #${c.id}`} height={280} zoom={16} />
            <Flex gap={12} wrap style={{ marginTop: 8 }} role="group" aria-label={L.navigate}>
              <span style={{ color: '#595959' }}>{L.navigate}：</span>
              {navigationLinks(c.location, c.address ?? c.gridName).map((l) => (
                <a key={l.key} href={l.href} target="_blank" rel="noreferrer">{L.navApps[l.key]}</a>
              ))}
            </Flex>
          </Card>
        </Col>
      </Row>
    </div>
  )
}
