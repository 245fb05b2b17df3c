// "转为议题" from a visit: what the visit found that residents need to deliberate on becomes a
// topic linked to the visit (both ways), through the deliberation module's SourceTopics card.
import { Descriptions, Drawer } from 'antd'
import type { Visit } from '@server/modules/visits/visits.schemas.ts'
import { formatTime } from '../../common.tsx'
import { SourceTopics } from '../deliberation/SourceTopics.tsx'
import { useVisitLabels } from './labels.ts'

export function VisitTopicsDrawer({ visit: v, onClose }: { visit: Visit; onClose: () => void }) {
  const L = useVisitLabels()
  const place = v.community && v.community.id !== v.org.id ? `${v.community.name} › ${v.org.name}` : v.org.name
  return (
    <Drawer open onClose={onClose} size="large" title={`${L.toTopic} · ${place}`} destroyOnHidden>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={L.visitedAt}>{formatTime(v.visitedAt)}</Descriptions.Item>
        <Descriptions.Item label={L.kindLabel}>{`${L.kind[v.kind]} · ${L.mode[v.mode]}`}</Descriptions.Item>
        <Descriptions.Item label={L.visitor}>{v.visitor.name}</Descriptions.Item>
        <Descriptions.Item label={L.note}>{v.note}</Descriptions.Item>
      </Descriptions>
      <SourceTopics kind="visit" id={v.id} initial={{ orgId: v.community?.id, title: `${L.kind[v.kind]}：${place}`.slice(0, 100), body: v.note }} />
    </Drawer>
  )
}
