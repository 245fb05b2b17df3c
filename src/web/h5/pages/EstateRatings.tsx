// 小区五色榜 /h5/estates (public): each housing estate's current five-colour rating (五色管理),
// so residents see how their estate and its property firm are doing. Filter by colour.
import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { api } from '../../shared/api.ts'
import { useI18n } from '../../shared/i18n.tsx'
import { colorStyles, estateColors, type EstateColor } from '@server/modules/estates/estates.rating.ts'
import { format, type Text } from '../labels.ts'
import { LoadError, Loading, Page } from '../ui.tsx'

interface PublicRating {
  estate: { id: string; name: string }
  community: { id: string; name: string } | null
  propertyFirm: string | null
  color: EstateColor
  total: number
  period: string
}

const words = {
  title: { zh: '小区五色榜', en: 'Estate ratings' },
  intro: { zh: '社区定期给各小区的物业服务、环境卫生、安全管理等打分，分为绿、蓝、黄、橙、红五色。', en: 'Communities regularly score each estate on property service, cleanliness, safety and more, in five colours from green to red.' },
  all: { zh: '全部', en: 'All' },
  count: { zh: '{n} 个', en: '{n}' },
  firm: { zh: '物业：{name}', en: 'Property firm: {name}' },
  noFirm: { zh: '无物业', en: 'No property firm' },
  score: { zh: '{total} 分 · {period}', en: '{total} points · {period}' },
  none: { zh: '暂无评定结果', en: 'No ratings yet' },
} satisfies Record<string, Text>

const colorWords: Record<EstateColor, Text> = {
  green: { zh: '绿色 · 优秀', en: 'Green · excellent' },
  blue: { zh: '蓝色 · 良好', en: 'Blue · good' },
  yellow: { zh: '黄色 · 一般', en: 'Yellow · fair' },
  orange: { zh: '橙色 · 较差', en: 'Orange · poor' },
  red: { zh: '红色 · 需整改', en: 'Red · must improve' },
}

export default function EstateRatingsPage() {
  const { lang } = useI18n()
  const tx = (t: Text, params: Record<string, string | number> = {}) => format(t[lang], params)
  const [color, setColor] = useState<EstateColor | null>(null)
  const ratings = useQuery({ queryKey: ['public-estate-ratings'], queryFn: () => api<{ items: PublicRating[] }>('/public/estate-ratings?limit=200') })
  const items = ratings.data?.items ?? []
  const shown = color ? items.filter((r) => r.color === color) : items
  return (
    <Page title={tx(words.title)}>
      <p className="h5-lead">{tx(words.intro)}</p>
      {ratings.isPending ? (
        <Loading />
      ) : ratings.error ? (
        <LoadError error={ratings.error} onRetry={() => void ratings.refetch()} />
      ) : (
        <>
          <div className="h5-chips" role="group" aria-label={tx(words.title)}>
            <button type="button" className="h5-chip" aria-pressed={color === null} onClick={() => setColor(null)}>
              {tx(words.all)} {tx(words.count, { n: items.length })}
            </button>
            {estateColors.map((c) => (
              <button key={c} type="button" className="h5-chip" aria-pressed={color === c} onClick={() => setColor(c)}>
                <span className="h5-swatch" style={{ background: colorStyles[c].fill }} aria-hidden="true" />
                {tx(colorWords[c]).split(' · ')[0]} {tx(words.count, { n: items.filter((r) => r.color === c).length })}
              </button>
            ))}
          </div>
          {shown.length === 0 ? (
            <p className="h5-muted">{tx(words.none)}</p>
          ) : (
            <ul className="h5-list" aria-label={tx(words.title)}>
              {shown.map((r) => (
                <li key={r.estate.id} className="h5-card h5-estate" style={{ borderInlineStart: `8px solid ${colorStyles[r.color].fill}` }}>
                  <h2 className="h5-card-title">{r.estate.name}</h2>
                  <p className="h5-estate-color" style={{ color: colorStyles[r.color].text }}>{tx(colorWords[r.color])}</p>
                  <p className="h5-muted">
                    {[r.community?.name, r.propertyFirm ? tx(words.firm, { name: r.propertyFirm }) : tx(words.noFirm)].filter(Boolean).join(' · ')}
                  </p>
                  <p className="h5-muted">{tx(words.score, { total: r.total, period: r.period })}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  )
}
