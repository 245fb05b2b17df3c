// The wall screen's headline strip: the node's chosen indicators from the statistics table, this
// month's figure large enough to read across a service hall, and beside it the change against last
// month (▲ / ▼, percentage points for a rate). Hidden when the node has none (a grid's screen).
// With it, the cards below shrink (one row on a landscape screen) so the rotating panel keeps its room.
import type { Feed } from '@server/modules/screens/screens.schemas.ts'

type Figure = Feed['headline'][number]

export const headlineCss = `
.scr-headline{display:grid;gap:1.6vmin}
.scr-hl{background:rgba(255,213,79,.14);border:1px solid rgba(255,213,79,.55);border-radius:1.6vmin;padding:1.6vmin 2vmin;min-width:0}
.scr-hl-label{font-size:2.5vmin;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.scr-hl-value{font-size:6.4vmin;font-weight:700;color:#ffd54f;font-variant-numeric:tabular-nums;line-height:1.1;white-space:nowrap}
.scr-hl-value small{font-size:2.4vmin;margin-left:.6vmin;color:#fff;font-weight:400}
.scr-hl-change{font-size:2.2vmin;white-space:nowrap;opacity:.95}
@media (orientation:portrait){.scr-headline{grid-template-columns:repeat(4,1fr)!important}}
.scr-compact{gap:2vmin}
.scr-compact .scr-grid{grid-template-columns:repeat(var(--cards,6),1fr);gap:1.6vmin}
.scr-compact .scr-card{padding:1.4vmin 1.8vmin}
.scr-compact .scr-label{font-size:2.3vmin}.scr-compact .scr-value{font-size:5.2vmin}.scr-compact .scr-unit{font-size:2.2vmin}.scr-compact .scr-sub{font-size:1.9vmin}
.scr-compact .scr-panel{overflow:hidden}.scr-compact .scr-panel li{font-size:2.6vmin;padding:.6vmin 0}.scr-compact .scr-panel h2{font-size:3vmin;margin-bottom:1vmin}
@media (orientation:portrait){.scr-compact .scr-grid{grid-template-columns:repeat(3,1fr)}}
`

const number = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 1 })

function change(f: Figure): string {
  if (f.change === null) return f.previous === null ? '上月无数据' : '本月暂无数据'
  if (f.change === 0) return '较上月持平'
  const by = `${number(Math.abs(f.change))}${f.kind === 'ratio' ? ' 个百分点' : ` ${f.unit}`}`
  return `较上月 ${f.change > 0 ? '▲' : '▼'} ${by}`
}

export function Headline({ items }: { items: Figure[] }) {
  if (items.length === 0) return null
  return (
    <section className="scr-headline" aria-label="核心指标" style={{ gridTemplateColumns: `repeat(${Math.min(items.length, 8)}, 1fr)` }}>
      {items.map((f) => (
        <div className="scr-hl" key={f.code} data-code={f.code}>
          <div className="scr-hl-label">{f.name}</div>
          <div className="scr-hl-value">{f.value === null ? '—' : <>{number(f.value)}<small>{f.unit}</small></>}</div>
          <div className="scr-hl-change">{change(f)}</div>
        </div>
      ))}
    </section>
  )
}
