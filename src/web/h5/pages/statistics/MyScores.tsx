// 我的考核 /h5/my-scores: a grid worker's or registered member's own scorecard for this month or
// last: the score, the rank among the community's grid workers or members, the change against the
// period before, and each line with its figure, its band (colour and word, never colour alone)
// and what earns green.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Selector } from 'antd-mobile'
import type { MyScores } from '@server/modules/statistics/statistics.people.schemas.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { LoadError, Loading, Page } from '../../ui.tsx'
import { useWords, type Words } from '../../labels.ts'

const words: Words<'title' | 'thisMonth' | 'lastMonth' | 'none' | 'grid_worker' | 'member' | 'score' | 'noScore' | 'rank' | 'noRank' | 'trend' | 'noTrend' | 'green' | 'yellow' | 'red' | 'nodata' | 'cut' | 'rule' | 'period'> = {
  zh: {
    title: '我的考核', thisMonth: '本月', lastMonth: '上月', period: '统计期',
    none: '您不是网格员，也没有在社区报到的在职党员身份，暂无考核。',
    grid_worker: '网格员考核', member: '报到党员考核', score: '得分', noScore: '暂无数据',
    rank: '在{community}第 {rank} 名（共 {of} 人）', noRank: '本期暂无排名',
    trend: '较上期（{previous}）{sign}{trend} 分', noTrend: '上期（{previous}）无得分',
    green: '绿', yellow: '黄', red: '红', nodata: '无数据', cut: '绿档 ≥ {green}{unit}，黄档 ≥ {yellow}{unit}',
    rule: '绿档得该项全部分数，黄档得一半，红档不得分；没有数据的项不计入。',
  },
  en: {
    title: 'My scores', thisMonth: 'This month', lastMonth: 'Last month', period: 'Period',
    none: 'You are neither a grid worker nor a member registered at a community; no scores.',
    grid_worker: 'As grid worker', member: 'As registered member', score: 'Score', noScore: 'No data yet',
    rank: 'No. {rank} of {of} in {community}', noRank: 'Not ranked this period',
    trend: '{sign}{trend} on {previous}', noTrend: 'No score in {previous}',
    green: 'Green', yellow: 'Yellow', red: 'Red', nodata: 'No data', cut: 'green ≥ {green}{unit}, yellow ≥ {yellow}{unit}',
    rule: 'Green earns the line’s points, yellow half, red none; lines without data are left out.',
  },
}

const BAND = {
  green: { fill: '#f6ffed', border: '#389e0d', text: '#135200' },
  yellow: { fill: '#fffbe6', border: '#d48806', text: '#613400' },
  red: { fill: '#fff1f0', border: '#cf1322', text: '#820014' },
  none: { fill: '#f5f5f5', border: '#8c8c8c', text: '#595959' },
} as const

/** This month and last (China time). */
function months(): [string, string] {
  const china = new Date(Date.now() + 8 * 3_600_000)
  const at = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  return [at(china), at(new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 1, 1)))]
}

export default function MyScoresPage() {
  const w = useWords(words)
  const { lang } = useI18n()
  const [thisMonth, lastMonth] = months()
  const [period, setPeriod] = useState(thisMonth)
  const scores = useQuery({ queryKey: ['h5-my-scores', period], queryFn: () => api<MyScores>(`/assessments/people/me?period=${period}`) })
  return (
    <Page title={w('title')}>
      <Selector aria-label={w('period')} columns={2} value={[period]} onChange={(v) => v[0] && setPeriod(v[0])}
        options={[{ label: `${w('thisMonth')}（${thisMonth}）`, value: thisMonth }, { label: `${w('lastMonth')}（${lastMonth}）`, value: lastMonth }]} />
      {scores.isPending ? <Loading /> : scores.error || !scores.data ? <LoadError error={scores.error} onRetry={() => void scores.refetch()} /> : scores.data.cards.length === 0 ? (
        <section className="h5-card"><p className="h5-muted">{w('none')}</p></section>
      ) : scores.data.cards.map((c) => (
        <section key={c.role} className="h5-card" aria-labelledby={`score-${c.role}`} data-role={c.role}>
          <h2 className="h5-card-title" id={`score-${c.role}`}>{w(c.role)} · {c.card.orgName}</h2>
          <p style={{ margin: '4px 0' }}>
            <span style={{ fontSize: 40, fontWeight: 700, color: '#c8102e' }} data-testid="my-score">{c.card.score ?? w('noScore')}</span>
            {c.card.score !== null && <span className="h5-muted"> {w('score')}</span>}
          </p>
          <p className="h5-muted">{c.card.rank === null ? w('noRank') : w('rank', { community: c.community.name, rank: c.card.rank, of: c.of })}</p>
          <p className="h5-muted">{c.card.trend === null ? w('noTrend', { previous: c.previous }) : w('trend', { previous: c.previous, sign: c.card.trend > 0 ? '+' : '', trend: c.card.trend })}</p>
          <ul style={{ listStyle: 'none', padding: 0, margin: '12px 0 0' }}>
            {c.scorecard.map((l) => {
              const cell = c.card.cells[l.code]!
              const band = BAND[cell.color]
              const unit = l.unit[lang] === '%' ? '%' : ` ${l.unit[lang]}`
              return (
                <li key={l.code} style={{ background: band.fill, borderLeft: `4px solid ${band.border}`, color: band.text, padding: '8px 12px', marginBottom: 8, borderRadius: 6 }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontWeight: 600 }}>
                    <span>{l.name[lang]}</span>
                    <span>{cell.value === null ? '—' : `${cell.value}${unit}`}{cell.denominator !== undefined ? `（${cell.numerator}/${cell.denominator}）` : ''} · {w(cell.color === 'none' ? 'nodata' : cell.color)}</span>
                  </div>
                  <div style={{ fontSize: 13 }}>{w('cut', { green: l.green, yellow: l.yellow, unit })}</div>
                </li>
              )
            })}
          </ul>
          <p className="h5-muted" style={{ fontSize: 13 }}>{w('rule')}</p>
        </section>
      ))}
    </Page>
  )
}
