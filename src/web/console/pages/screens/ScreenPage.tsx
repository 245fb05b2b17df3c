// 智慧屏: the full-screen page a TV in a service centre opens at /screen/<token> (1920×1080 or
// 1080×1920). No menus and no login: the token names the node; changes are pushed over the live
// stream (polling every minute while the stream is down), without reloading; the lower panels
// rotate every 12 seconds. It shows counts and times only.
import { useEffect, useState, type CSSProperties } from 'react'
import { useParams } from 'react-router'
import type { Feed } from '@server/modules/screens/screens.schemas.ts'
import { Headline, headlineCss } from './Headline.tsx'

const ROTATE_MS = 12_000
const RED = '#b71c1c'
const GOLD = '#ffd54f'

type Load = { feed: Feed | null; error: 'revoked' | 'offline' | null; at: Date | null }

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`)
const hm = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })

function useClock() {
  const [now, setNow] = useState(new Date())
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000)
    return () => clearInterval(t)
  }, [])
  return now
}

/** How long a silent stream is still trusted (it pings every 25 s) before polling takes over. */
const STREAM_TRUST_MS = 60_000

/**
 * The feed: pushed over the live stream when something changed (/screen-feed/<token>/stream);
 * while the stream is down the page asks again every refreshSeconds, as before.
 */
function useFeed(token: string): Load {
  const [load, setLoad] = useState<Load>({ feed: null, error: null, at: null })
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let streamAt = 0
    let source: EventSource | null = null
    if (typeof EventSource !== 'undefined') {
      source = new EventSource(`/api/v1/screen-feed/${encodeURIComponent(token)}/stream`)
      const alive = () => { streamAt = Date.now() }
      source.addEventListener('open', alive)
      source.addEventListener('feed', (e) => {
        alive()
        if (!stopped) setLoad({ feed: JSON.parse((e as MessageEvent<string>).data) as Feed, error: null, at: new Date() })
      })
      source.addEventListener('revoked', () => {
        source?.close()
        if (!stopped) setLoad({ feed: null, error: 'revoked', at: new Date() })
      })
      source.addEventListener('ping', alive)
      source.addEventListener('error', () => { streamAt = 0 })
    }
    const tick = async () => {
      let next = 60
      if (Date.now() - streamAt < STREAM_TRUST_MS) {
        if (!stopped) timer = setTimeout(() => void tick(), 30_000)
        return
      }
      try {
        const res = await fetch(`/api/v1/screen-feed/${encodeURIComponent(token)}`, { headers: { accept: 'application/json' } })
        if (res.status === 404) {
          if (!stopped) setLoad({ feed: null, error: 'revoked', at: new Date() })
        } else if (!res.ok) throw new Error(String(res.status))
        else {
          const feed = (await res.json()) as Feed
          next = feed.refreshSeconds
          if (!stopped) setLoad({ feed, error: null, at: new Date() })
        }
      } catch {
        next = 15
        if (!stopped) setLoad((l) => ({ ...l, error: 'offline' }))
      }
      if (!stopped) timer = setTimeout(() => void tick(), next * 1000)
    }
    // The stream's first feed usually arrives first; the first poll waits a moment for it.
    timer = setTimeout(() => void tick(), source ? 1500 : 0)
    return () => {
      stopped = true
      clearTimeout(timer)
      source?.close()
    }
  }, [token])
  return load
}

function Figure({ label, value, unit, sub }: { label: string; value: string | number; unit?: string; sub?: string }) {
  return (
    <div className="scr-card">
      <div className="scr-label">{label}</div>
      <div className="scr-value">{value}<span className="scr-unit">{unit}</span></div>
      {sub && <div className="scr-sub">{sub}</div>}
    </div>
  )
}

/** A rotating panel of lines: when (a time span or a date), what, and where or how far. */
function Lines({ title, empty, items }: { title: string; empty: string; items: { when: string; title: string; right: string }[] }) {
  return (
    <div className="scr-panel">
      <h2>{title}</h2>
      {items.length === 0 ? <div className="scr-empty">{empty}</div> : (
        <ul>
          {items.map((s, i) => (
            <li key={i}><span className="scr-time">{s.when}</span><span className="scr-title">{s.title}</span><span className="scr-place">{s.right}</span></li>
          ))}
        </ul>
      )}
    </div>
  )
}

const slots = (items: { title: string; place: string; startsAt: string; endsAt: string }[]) => items.map((s) => ({ when: `${hm(s.startsAt)}–${hm(s.endsAt)}`, title: s.title, right: s.place }))

/** A date as 12月4日 (China time). */
const md = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

const css = `
.scr-root{position:fixed;inset:0;background:linear-gradient(160deg,#7f0000 0%,${RED} 45%,#8e0000 100%);color:#fff;font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;display:flex;flex-direction:column;padding:3vmin 4vmin;gap:3vmin;overflow:hidden;cursor:none}
.scr-head{display:flex;justify-content:space-between;align-items:flex-end;border-bottom:2px solid rgba(255,213,79,.6);padding-bottom:2vmin}
.scr-head h1{margin:0;font-size:5.2vmin;letter-spacing:.4vmin;color:${GOLD}}
.scr-head .scr-where{font-size:2.4vmin;opacity:.85;margin-top:1vmin}
.scr-clock{text-align:right}.scr-clock b{display:block;font-size:6vmin;font-variant-numeric:tabular-nums;line-height:1}.scr-clock span{font-size:2.2vmin;opacity:.85}
.scr-grid{display:grid;grid-template-columns:repeat(3,1fr);gap:2.4vmin}
.scr-card{background:rgba(255,255,255,.1);border:1px solid rgba(255,213,79,.35);border-radius:1.6vmin;padding:2.4vmin 2.8vmin}
.scr-label{font-size:2.6vmin;opacity:.9}.scr-value{font-size:8vmin;font-weight:700;color:${GOLD};font-variant-numeric:tabular-nums;line-height:1.15}
.scr-unit{font-size:2.8vmin;margin-left:.8vmin;color:#fff;font-weight:400}.scr-sub{font-size:2.2vmin;opacity:.85}
.scr-rotor{flex:1;min-height:0;position:relative}
.scr-panel{position:absolute;inset:0;background:rgba(0,0,0,.18);border-radius:1.6vmin;padding:2.4vmin 3vmin;animation:scr-in .8s ease}
.scr-panel h2{margin:0 0 1.6vmin;font-size:3.4vmin;color:${GOLD}}
.scr-panel ul{list-style:none;margin:0;padding:0;display:grid;gap:1.2vmin}
.scr-panel li{display:grid;grid-template-columns:24vmin 1fr auto;gap:2vmin;font-size:3vmin;padding:1vmin 0;border-bottom:1px dashed rgba(255,255,255,.25)}
.scr-time{font-variant-numeric:tabular-nums;color:${GOLD}}.scr-place{opacity:.8}
.scr-empty{font-size:3vmin;opacity:.8;padding-top:2vmin}
.scr-dots{display:flex;gap:1vmin;justify-content:center}.scr-dots i{width:1.4vmin;height:1.4vmin;border-radius:50%;background:rgba(255,255,255,.35)}.scr-dots i.on{background:${GOLD}}
.scr-foot{display:flex;justify-content:space-between;font-size:2vmin;opacity:.8}
.scr-msg{margin:auto;text-align:center;font-size:5vmin;color:${GOLD}}.scr-msg small{display:block;font-size:2.6vmin;color:#fff;opacity:.85;margin-top:2vmin}
@media (orientation:portrait){.scr-grid{grid-template-columns:repeat(2,1fr)}.scr-value{font-size:9vmin}.scr-panel li{grid-template-columns:22vmin 1fr;}.scr-place{grid-column:2}}
@keyframes scr-in{from{opacity:0;transform:translateY(1.5vmin)}to{opacity:1;transform:none}}
`

export default function ScreenPage() {
  const { token = '' } = useParams()
  const { feed, error, at } = useFeed(token)
  const now = useClock()
  const [panel, setPanel] = useState(0)
  useEffect(() => {
    const t = setInterval(() => setPanel((p) => p + 1), ROTATE_MS)
    return () => clearInterval(t)
  }, [])
  useEffect(() => {
    document.title = feed ? `${feed.org.name} · 智慧屏` : '智慧屏'
  }, [feed])
  const date = now.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' })
  const time = now.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
  if (!feed) {
    return (
      <div className="scr-root" role="main"><style>{css}</style>
        <div className="scr-msg">{error === 'revoked' ? '此屏幕链接已停用' : error === 'offline' ? '网络连接中断，正在重试…' : '正在加载…'}
          {error === 'revoked' && <small>请联系社区工作人员重新生成智慧屏链接</small>}</div>
      </div>
    )
  }
  const panels = [
    <Lines key="bookings" title={`今日场地预约 · ${feed.today.bookings} 场`} empty="今天暂无场地预约" items={slots(feed.today.bookingSlots)} />,
    <Lines key="activities" title={`今日志愿活动 · ${feed.today.activities.length} 项`} empty="今天暂无志愿活动" items={slots(feed.today.activities)} />,
    <Lines key="notices" title="最新通知" empty="暂无通知" items={feed.notices.map((n) => ({ when: md(n.sentAt), title: n.title, right: '' }))} />,
    <Lines key="resolutions" title="议事决议落实" empty="暂无决议" items={feed.resolutions.map((r) => ({ when: md(r.decidedAt), title: r.title, right: r.state === 'done' ? '已落实' : `进度 ${r.progress}%` }))} />,
  ]
  const shown = panel % panels.length
  // A card gives way to the 核心指标 strip when the strip shows the same figure (the strip is what the
  // screen's cadres chose, with the change against last month), so no figure is shown twice.
  const inStrip = new Set((feed.headline ?? []).map((h) => h.code))
  const cards = [
    { code: 'cases.reported', label: '本月受理诉求', value: feed.cases.reported, unit: '件', sub: `本月办结 ${feed.cases.closed} 件 · 今年 ${feed.cases.yearReported} 件` },
    { code: 'cases.on_time_rate', label: '按时办结率', value: pct(feed.cases.onTimeRate), sub: `本月办理 ${feed.cases.handled} 件` },
    { code: 'orders.placed', label: '本月服务订单', value: feed.orders.orders, unit: '单', sub: `完成率 ${pct(feed.orders.completionRate)}` },
    { code: 'orders.satisfaction_rate', label: '服务满意度', value: pct(feed.orders.satisfaction), sub: `${feed.orders.rated} 单已评价` },
    { code: 'volunteers.hours', label: '本月志愿服务', value: feed.volunteers.monthHours, unit: '小时', sub: `今年累计 ${feed.volunteers.yearHours} 小时` },
    { code: null, label: '今日场地预约', value: feed.today.bookings, unit: '场', sub: `今日活动 ${feed.today.activities.length} 项` },
  ].filter((c) => c.code === null || !inStrip.has(c.code))
  return (
    <div className={feed.headline?.length ? 'scr-root scr-compact' : 'scr-root'} role="main"><style>{css + headlineCss}</style>
      <header className="scr-head">
        <div><h1>{feed.org.name}</h1><div className="scr-where">党建引领 · 共建共治共享　{feed.screen.name}</div></div>
        <div className="scr-clock"><b>{time}</b><span>{date}</span></div>
      </header>
      <Headline items={feed.headline ?? []} />
      <section className="scr-grid" aria-label="本月数据" style={{ '--cards': cards.length } as CSSProperties}>
        {cards.map((c) => <Figure key={c.label} label={c.label} value={c.value} unit={c.unit} sub={c.sub} />)}
      </section>
      <section className="scr-rotor" aria-live="polite">{panels[shown]}</section>
      <div className="scr-dots">{panels.map((_, i) => <i key={i} className={i === shown ? 'on' : ''} />)}</div>
      <footer className="scr-foot">
        <span>{error === 'offline' ? '网络连接中断，显示的是上次数据，正在重试…' : '数据每分钟自动更新'}</span>
        <span>更新于 {at ? hm(at.toISOString()) : '—'}</span>
      </footer>
    </div>
  )
}
