import { Tag } from 'antd'
import { kindLabels } from '../../../shared/roles.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import type { OrgKind } from './model.ts'

// Dark enough text on the light tag backgrounds for WCAG AA contrast.
export const kindColors: Record<OrgKind, string> = {
  city: '#8a1c1c',
  district: '#a8071a',
  street: '#531dab',
  community: '#0b57b5',
  village: '#1d6e3a',
  grid: '#a34e00',
  building: '#5b5b5b',
  estate: '#237804',
  department: '#08607a',
}

export function KindTag({ kind }: { kind: OrgKind }) {
  const { lang } = useI18n()
  const color = kindColors[kind]
  return (
    <Tag style={{ color, background: '#fff', borderColor: color, marginInlineEnd: 6, fontSize: 12, lineHeight: '18px', paddingInline: 5 }}>
      {kindLabels[kind]?.[lang] ?? kind}
    </Tag>
  )
}
