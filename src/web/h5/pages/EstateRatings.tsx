// 小区五色榜 /h5/estates (public): each housing estate's current five-colour rating (五色管理),
// so residents see how their estate and its property firm are doing. Filter by colour.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { api } from '../../shared/api.ts'
import { colorStyles, estateColors, type EstateColor } from '@server/modules/estates/estates.rating.ts'
import { useWords } from '../labels.ts'
import { LoadError, Loading, Page } from '../ui.tsx'

interface PublicRating {
  estate: { id: string; name: string }
  community: { id: string; name: string } | null
  propertyFirm: string | null
  color: EstateColor
  total: number
  period: string
}

const zh = {
  title: '小区五色榜',
  intro: '社区定期给各小区的物业服务、环境卫生、安全管理等打分，分为绿、蓝、黄、橙、红五色。',
  all: '全部',
  count: '{n} 个',
  firm: '物业：{name}',
  noFirm: '无物业',
  score: '{total} 分 · {period}',
  none: '暂无评定结果',
  color_green: '绿色 · 优秀',
  color_blue: '蓝色 · 良好',
  color_yellow: '黄色 · 一般',
  color_orange: '橙色 · 较差',
  color_red: '红色 · 需整改',
}
const en: Record<keyof typeof zh, string> = {
  title: 'Estate ratings',
  intro: 'Communities regularly score each estate on property service, cleanliness, safety and more, in five colours from green to red.',
  all: 'All',
  count: '{n}',
  firm: 'Property firm: {name}',
  noFirm: 'No property firm',
  score: '{total} points · {period}',
  none: 'No ratings yet',
  color_green: 'Green · excellent',
  color_blue: 'Blue · good',
  color_yellow: 'Yellow · fair',
  color_orange: 'Orange · poor',
  color_red: 'Red · must improve',
}
const words = { zh, en }

export default function EstateRatingsPage() {
  const w = useWords(words)
  const [color, setColor] = useState<EstateColor | null>(null)
  const ratings = useQuery({ queryKey: ['public-estate-ratings'], queryFn: () => api<{ items: PublicRating[] }>('/public/estate-ratings?limit=200') })
  const items = ratings.data?.items ?? []
  const shown = color ? items.filter((r) => r.color === color) : items
  return (
    <Page title={w('title')}>
      <p className="h5-lead">{w('intro')}</p>
      {ratings.isPending ? (
        <Loading />
      ) : ratings.error ? (
        <LoadError error={ratings.error} onRetry={() => void ratings.refetch()} />
      ) : (
        <>
          <div className="h5-chips" role="group" aria-label={w('title')}>
            <button type="button" className="h5-chip" aria-pressed={color === null} onClick={() => setColor(null)}>
              {w('all')} {w('count', { n: items.length })}
            </button>
            {estateColors.map((c) => (
              <button key={c} type="button" className="h5-chip" aria-pressed={color === c} onClick={() => setColor(c)}>
                <span className="h5-swatch" style={{ background: colorStyles[c].fill }} aria-hidden="true" />
                {w(`color_${c}`).split(' · ')[0]} {w('count', { n: items.filter((r) => r.color === c).length })}
              </button>
            ))}
          </div>
          {shown.length === 0 ? (
            <p className="h5-muted">{w('none')}</p>
          ) : (
            <ul className="h5-list" aria-label={w('title')}>
              {shown.map((r) => (
                <li key={r.estate.id} className="h5-card h5-estate" style={{ borderInlineStart: `8px solid ${colorStyles[r.color].fill}` }}>
                  <h2 className="h5-card-title">{r.estate.name}</h2>
                  <p className="h5-estate-color" style={{ color: colorStyles[r.color].text }}>{w(`color_${r.color}`)}</p>
                  <p className="h5-muted">
                    {[r.community?.name, r.propertyFirm ? w('firm', { name: r.propertyFirm }) : w('noFirm')].filter(Boolean).join(' · ')}
                  </p>
                  <p className="h5-muted">{w('score', { total: r.total, period: r.period })}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  )
}
