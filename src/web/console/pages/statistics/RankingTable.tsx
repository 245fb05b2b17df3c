// The ranking of 考核排名: a row per child in rank order (rank, name to drill into, score with a
// coloured tag, the change against the period before), then a cell per scorecard line coloured by
// its band, with the figure behind it, the points and the cut-offs on hover; the node's own row last.
import { Button, Table, Tooltip, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons'
import type { z } from 'zod'
import type { assessmentSchema } from '@server/modules/statistics/statistics.schemas.ts'
import { StatusTag } from '../../common.tsx'
import { useI18n } from '../../../shared/i18n.tsx'
import { CELL_COLORS, scoreTone, type AssessmentLabels } from './assessmentLabels.ts'

export type Assessment = z.infer<typeof assessmentSchema>
type Scored = Assessment['total'] & { rank?: number | null }
type Line = Assessment['scorecard'][number]

export function Trend({ value, L }: { value: number | null; L: AssessmentLabels }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>
  const [icon, color] = value > 0 ? [<ArrowUpOutlined key="u" />, '#135200'] : value < 0 ? [<ArrowDownOutlined key="d" />, '#a8071a'] : [<MinusOutlined key="m" />, '#595959']
  return <span style={{ color, whiteSpace: 'nowrap' }} aria-label={`${L.trend} ${value}`}>{icon} {value > 0 ? '+' : ''}{value}</span>
}

export function ScoreTag({ score, L }: { score: number | null; L: AssessmentLabels }) {
  return <StatusTag tone={scoreTone(score)}>{score === null ? L.noScore : score}</StatusTag>
}

function ScoreCell({ line, r, L }: { line: Line; r: Scored; L: AssessmentLabels }) {
  const { lang } = useI18n()
  const c = r.cells[line.code]
  const color = c?.color ?? 'none'
  const unit = line.unit[lang] === '%' ? '%' : ` ${line.unit[lang]}`
  const value = c?.value === null || c?.value === undefined ? '—' : `${c.value}${unit}`
  const tip = L.cellTip(line.name[lang], L.figure(value, c?.numerator, c?.denominator), color === 'none' ? L.noData : L.points(c!.points, line.weight), L.cuts(line.better, line.green, line.yellow))
  return (
    <Tooltip title={tip}>
      <div tabIndex={0} aria-label={`${L.color[color]}：${tip}`} style={{ background: CELL_COLORS[color].fill, color: CELL_COLORS[color].text, padding: '4px 8px', borderRadius: 4, textAlign: 'right', cursor: 'help' }}>
        {value}
      </div>
    </Tooltip>
  )
}

export function RankingTable({ data, loading, onDrill, L }: { data: Assessment | undefined; loading: boolean; onDrill: (orgId: string) => void; L: AssessmentLabels }) {
  const { lang } = useI18n()
  const rows = [...(data?.rows ?? [])].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity))
  const lines = data?.scorecard ?? []
  const lead = [
    { key: 'rank', title: L.rank, width: 64, fixed: 'left' as const, align: 'center' as const, render: (_: unknown, r: Scored) => r.rank ?? '—' },
    { key: 'name', title: L.unit, width: 150, fixed: 'left' as const, render: (_: unknown, r: Scored) => <Button type="link" style={{ padding: 0 }} onClick={() => onDrill(r.orgId)} title={L.drill}>{r.name}</Button> },
    { key: 'score', title: L.score, width: 88, align: 'center' as const, render: (_: unknown, r: Scored) => <Tooltip title={L.previousOf(data?.previous ?? '', r.previousScore)}><span><ScoreTag score={r.score} L={L} /></span></Tooltip> },
    { key: 'trend', title: L.trend, width: 84, render: (_: unknown, r: Scored) => <Trend value={r.trend} L={L} /> },
  ]
  const cells = lines.map((l) => ({
    key: l.code,
    width: 112,
    title: <Tooltip title={`${L.weight} ${l.weight}；${L.cuts(l.better, l.green, l.yellow)}`}><span>{l.name[lang]}<div style={{ color: '#595959', fontWeight: 400 }}>{L.weight} {l.weight}</div></span></Tooltip>,
    render: (_: unknown, r: Scored) => <ScoreCell line={l} r={r} L={L} />,
  }))
  return (
    <Table<Scored>
      rowKey="orgId"
      size="small"
      bordered
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: L.empty }}
      dataSource={rows}
      columns={[...lead, ...cells]}
      summary={() => data ? (
        <Table.Summary fixed="bottom">
          <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
            <Table.Summary.Cell index={0} align="center">—</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{data.total.name}（{L.own}）</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="center"><ScoreTag score={data.total.score} L={L} /></Table.Summary.Cell>
            <Table.Summary.Cell index={3}><Trend value={data.total.trend} L={L} /></Table.Summary.Cell>
            {lines.map((l, k) => <Table.Summary.Cell key={l.code} index={4 + k}><ScoreCell line={l} r={data.total} L={L} /></Table.Summary.Cell>)}
          </Table.Summary.Row>
        </Table.Summary>
      ) : null}
    />
  )
}
