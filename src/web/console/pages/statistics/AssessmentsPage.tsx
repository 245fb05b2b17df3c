// 考核排名: the assessment of a node's children for a period. The ranking (rank, score, change and
// every scorecard cell coloured with the figure behind it on hover), a bar per child's score, the
// trend line of the node and one child, a map of one scorecard line per child; a child's name, bar
// or area opens that child's own assessment; the Excel export for pay and promotion reviews.
import { useMemo, useState } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Col, Flex, Row, Segmented, Select, Space, Typography } from 'antd'
import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons'
import type { AssessmentTrend } from '@server/modules/statistics/statistics.assessments.schemas.ts'
import { api } from '../../../shared/api.ts'
import { download, errorMessage, OrgSelect, PageTheme } from '../../common.tsx'
import { useI18n } from '../../../shared/i18n.tsx'
import { kindOf, lastMonth, periodsOf, type Kind } from './periods.ts'
import { CELL_COLORS, useAssessmentLabels } from './assessmentLabels.ts'
import { RankingTable, type Assessment } from './RankingTable.tsx'
import { ScoreBars, TrendLine } from './AssessmentCharts.tsx'
import { AssessmentMap, type AreaFeature } from './AssessmentMap.tsx'

type Features = { features: { id?: string; properties: { id: string; name: string }; geometry: AreaFeature['geometry'] | null }[] }

export default function AssessmentsPage() {
  const L = useAssessmentLabels()
  const { lang } = useI18n()
  const { message } = AntApp.useApp()
  const [params, setParams] = useSearchParams()
  const period = params.get('period') ?? lastMonth()
  const orgId = params.get('orgId') ?? undefined
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, v)
    setParams(next, { replace: true })
  }
  const [child, setChild] = useState<string>()
  const [exporting, setExporting] = useState(false)
  const query = new URLSearchParams({ period, ...(orgId ? { orgId } : {}) })
  const assessment = useQuery({ queryKey: ['assessments', orgId, period], queryFn: () => api<Assessment>(`/assessments?${query}`) })
  const trend = useQuery({ queryKey: ['assessments.trend', orgId, period], queryFn: () => api<AssessmentTrend>(`/assessments/trend?${query}&periods=6`) })
  const data = assessment.data
  const nodeId = data?.org.id
  const geo = useQuery({ queryKey: ['orgs.children.geojson', nodeId], enabled: !!nodeId && (data?.rows.length ?? 0) > 0, queryFn: () => api<Features>(`/orgs/${nodeId}/children.geojson`) })
  const code = params.get('code') ?? data?.scorecard[0]?.code
  const line = data?.scorecard.find((l) => l.code === code) ?? data?.scorecard[0]

  const areas = useMemo<AreaFeature[]>(() => {
    if (!data || !line || !geo.data) return []
    const unit = line.unit[lang] === '%' ? '%' : ` ${line.unit[lang]}`
    return geo.data.features.flatMap((f) => {
      const row = data.rows.find((r) => r.orgId === f.properties.id)
      if (!row || !f.geometry) return []
      const c = row.cells[line.code]
      const value = c?.value === null || c?.value === undefined ? '—' : `${c.value}${unit}`
      return [{ id: row.orgId, name: row.name, geometry: f.geometry, color: c?.color ?? 'none', text: `${row.name} · ${line.name[lang]}：${L.figure(value, c?.numerator, c?.denominator)}` }]
    })
  }, [data, line, geo.data, lang, L])

  const drill = (id: string) => { setChild(undefined); set({ orgId: id }) }
  const exportXlsx = async () => {
    if (!data) return
    setExporting(true)
    try {
      await download(`/assessments/export.xlsx?${query}`, `考核排名-${data.org.name}-${period}.xlsx`)
      message.success(L.exported)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setExporting(false)
    }
  }

  const kind = kindOf(period)
  return (
    <PageTheme>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{L.title}{data ? ` · ${data.org.name}` : ''}</Typography.Title>
        <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={!data} onClick={() => void exportXlsx()}>{L.export}</Button>
      </Flex>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented aria-label={L.periodKind} value={kind} onChange={(v) => set({ period: periodsOf(v as Kind)[v === 'month' ? 1 : 0] })}
          options={[{ value: 'month', label: L.month }, { value: 'quarter', label: L.quarter }, { value: 'year', label: L.year }]} />
        <Select aria-label={L.period} style={{ width: 140 }} value={period} onChange={(v) => set({ period: v })} options={periodsOf(kind).map((p) => ({ value: p, label: p }))} />
        <OrgSelect aria-label={L.scope} placeholder={data?.org.name ?? L.scope} style={{ width: 240 }} value={orgId} onChange={(v) => { setChild(undefined); set({ orgId: v ?? undefined }) }} allowClear />
        {orgId && <Button icon={<ArrowUpOutlined />} onClick={() => { setChild(undefined); set({ orgId: undefined }) }}>{L.up}</Button>}
      </Space>
      {assessment.error && <Alert type="error" showIcon title={errorMessage(assessment.error)} role="alert" style={{ marginBottom: 16 }} />}
      {data && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{L.rule}</Typography.Paragraph>}
      <RankingTable data={data} loading={assessment.isFetching} onDrill={drill} L={L} />
      {data && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {data.rows.length > 0 && <Col xs={24} xl={12}><ScoreBars data={data} L={L} /></Col>}
          <Col xs={24} xl={data.rows.length > 0 ? 12 : 24}>
            {trend.data ? <TrendLine trend={trend.data} child={child} onChild={setChild} L={L} /> : <Card title={L.trendTitle} size="small" loading={trend.isFetching}>{trend.error ? errorMessage(trend.error) : null}</Card>}
          </Col>
          {data.rows.length > 0 && line && (
            <Col span={24}>
              <Card title={L.map} size="small"
                extra={<Select aria-label={L.indicator} size="small" style={{ width: 220 }} value={line.code} onChange={(v) => set({ code: v })}
                  options={data.scorecard.map((l) => ({ value: l.code, label: l.name[lang] }))} />}>
                {geo.data && areas.length === 0 ? <Typography.Text type="secondary">{L.mapEmpty}</Typography.Text> : <AssessmentMap areas={areas} onPick={drill} label={`${L.map}：${line.name[lang]}`} />}
                <Space size={16} style={{ marginTop: 8 }} aria-label={L.legend}>
                  {(['green', 'yellow', 'red', 'none'] as const).map((c) => (
                    <Space key={c} size={4}><span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 2, background: CELL_COLORS[c].map, opacity: 0.7 }} />{L.color[c]}</Space>
                  ))}
                  <Typography.Text type="secondary">{L.cuts(line.better, line.green, line.yellow)}</Typography.Text>
                </Space>
              </Card>
            </Col>
          )}
        </Row>
      )}
    </PageTheme>
  )
}
