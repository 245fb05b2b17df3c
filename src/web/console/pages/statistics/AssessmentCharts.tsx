// The charts of 考核排名 (ECharts): a bar per child's score in rank order, coloured by its tone,
// and the trend line of the node's score with one chosen child's beside it over the last periods.
import { useMemo } from 'react'
import { Card, Empty, Select } from 'antd'
import * as echarts from 'echarts/core'
import { LineChart } from 'echarts/charts'
import { MarkLineComponent } from 'echarts/components'
import type { EChartsCoreOption } from 'echarts/core'
import type { AssessmentTrend } from '@server/modules/statistics/statistics.assessments.schemas.ts'
import { barOption, useECharts } from '../../../shared/useECharts.ts'
import { scoreTone, TONE_COLORS, type AssessmentLabels } from './assessmentLabels.ts'
import type { Assessment } from './RankingTable.tsx'

echarts.use([LineChart, MarkLineComponent])

const HEIGHT = 300

export function ScoreBars({ data, L }: { data: Assessment; L: AssessmentLabels }) {
  const option = useMemo<EChartsCoreOption>(() => {
    const rows = data.rows.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score!)
    const base = barOption(rows.map((r) => r.name), [{ name: L.score, data: rows.map((r) => r.score!) }], { color: ['#1677ff'], yAxis: { min: 0, max: 100 } }) as { series: Record<string, unknown>[] }
    base.series[0] = {
      ...base.series[0],
      data: rows.map((r) => ({ value: r.score, itemStyle: { color: TONE_COLORS[scoreTone(r.score)] } })),
      label: { show: true, position: 'top' },
      barMaxWidth: 40,
      ...(data.total.score !== null ? { markLine: { symbol: 'none', data: [{ yAxis: data.total.score, name: data.total.name }], label: { formatter: `${data.total.name} {c}` }, lineStyle: { type: 'dashed', color: '#595959' } } } : {}),
    }
    return { ...base, legend: { show: false }, grid: { left: 40, right: 90, top: 24, bottom: 60 } }
  }, [data, L])
  const ref = useECharts(option)
  return (
    <Card title={L.bars} size="small">
      {data.rows.some((r) => r.score !== null) ? <div ref={ref} role="img" aria-label={L.bars} data-testid="assessment-bars" style={{ height: HEIGHT }} /> : <Empty description={L.empty} style={{ height: HEIGHT - 40 }} />}
    </Card>
  )
}

export function TrendLine({ trend, child, onChild, L }: { trend: AssessmentTrend; child: string | undefined; onChild: (id: string) => void; L: AssessmentLabels }) {
  const chosen = trend.rows.find((r) => r.orgId === child) ?? trend.rows[0]
  const option = useMemo<EChartsCoreOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: trend.periods, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100 },
    color: ['#c41d1d', '#1677ff'],
    // Values on the node's line only: two lines' labels would overlap; the tooltip gives both.
    series: [trend.total, ...(chosen ? [chosen] : [])].map((s, i) => ({ name: s.name, type: 'line', data: s.scores, connectNulls: false, symbolSize: 7, label: { show: i === 0, position: 'top' } })),
  }), [trend, chosen])
  const ref = useECharts(option)
  return (
    <Card title={L.trendTitle} size="small"
      extra={trend.rows.length > 0 && (
        <Select aria-label={L.child} size="small" style={{ width: 170 }} value={chosen?.orgId} onChange={onChild}
          options={trend.rows.map((r) => ({ value: r.orgId, label: r.name }))} />
      )}>
      <div ref={ref} role="img" aria-label={L.trendTitle} data-testid="assessment-trend" style={{ height: HEIGHT }} />
    </Card>
  )
}
