// The dispatch dialog (派单): the people who may serve the order, nearest first, on a map around
// the address (busy ones and those outside their 错时服务 hours greyed), or a volunteer team or a
// unit nearby.
import { useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Map as MlMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { Alert, Flex, Input, Modal, Radio, Select, Table, Tag } from 'antd'
import type { z } from 'zod'
import type { candidatesSchema, OrderDetail } from '@server/modules/orders/orders.schemas.ts'
import { providerKindLabels } from '@server/modules/orders/orders.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { addOrientation } from '../../../shared/orientation.ts'
import { EmptyText, errorMessage } from '../../common.tsx'
import { fill, useOrderLabels } from './labels.ts'

setWorkerUrl(workerUrl)

type Candidates = z.infer<typeof candidatesSchema>

export function DispatchModal({ order, busy, onClose, onDispatch }: { order: OrderDetail; busy: boolean; onClose: () => void; onDispatch: (body: Record<string, string>) => void }) {
  const L = useOrderLabels()
  const { lang } = useI18n()
  const tiles = useMapTiles()
  const [kind, setKind] = useState<'person' | 'team' | 'unit'>('person')
  const [chosen, setChosen] = useState<string | undefined>()
  const [note, setNote] = useState('')
  const cands = useQuery({ queryKey: ['orders', 'candidates', order.id], queryFn: () => api<Candidates>(`/orders/${order.id}/candidates`) })
  const body = (): Record<string, string> => ({ [kind === 'person' ? 'personId' : kind === 'team' ? 'teamId' : 'unitId']: chosen!, ...(note.trim() ? { note: note.trim() } : {}) })
  return (
    <Modal open width={900} title={L.dispatchTitle} onCancel={onClose} okText={L.dispatch} okButtonProps={{ disabled: !chosen, loading: busy }} onOk={() => onDispatch(body())}>
      <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value); setChosen(undefined) }} style={{ marginBottom: 12 }}
        options={[{ value: 'person', label: L.person }, { value: 'team', label: L.team }, { value: 'unit', label: L.unit }]} optionType="button" />
      {cands.error && <Alert type="error" showIcon title={errorMessage(cands.error)} role="alert" />}
      {kind === 'person' && (
        <Flex gap={12}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Table rowKey={(c) => c.person.id} size="small" loading={cands.isPending} dataSource={cands.data?.items ?? []} pagination={{ pageSize: 8 }}
              rowSelection={{ type: 'radio', selectedRowKeys: chosen ? [chosen] : [], onChange: (keys) => setChosen(String(keys[0])) }}
              onRow={(c) => ({ onClick: () => setChosen(c.person.id) })}
              locale={{ emptyText: cands.isPending ? ' ' : <EmptyText>{L.noCandidates}</EmptyText> }}
              columns={[
                { title: L.name, key: 'name', render: (_, c) => c.person.name },
                { title: L.providerKinds, key: 'kinds', render: (_, c) => c.kinds.map((k) => <Tag key={k}>{providerKindLabels[k][lang]}</Tag>) },
                { title: L.distance, key: 'd', width: 90, render: (_, c) => (c.distanceM === null ? '—' : fill(L.meters, { n: c.distanceM })) },
                { title: '', key: 'flags', width: 150, render: (_, c) => <>{c.busy && <Tag color="orange">{L.busy}</Tag>}{!c.inWindow && <Tag>{L.outsideWindow}</Tag>}<span style={{ color: '#595959' }}>{fill(L.served, { n: c.served })}</span></> },
              ]} />
          </div>
          <div style={{ width: 320, height: 360, border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }} role="region" aria-label={L.dispatchTitle}>
            {tiles && cands.data && <CandidateMap key={tiles.crs} tiles={tiles} order={order} cands={cands.data} chosen={chosen} onChoose={setChosen} />}
          </div>
        </Flex>
      )}
      {kind !== 'person' && (
        <Select style={{ width: '100%' }} showSearch optionFilterProp="label" value={chosen} onChange={setChosen} placeholder={kind === 'team' ? L.team : L.unit}
          options={(kind === 'team' ? cands.data?.teams : cands.data?.units)?.map((x) => ({ value: x.id, label: x.name })) ?? []} />
      )}
      <Input.TextArea style={{ marginTop: 12 }} rows={2} maxLength={500} placeholder={L.note} aria-label={L.note} value={note} onChange={(e) => setNote(e.target.value)} />
    </Modal>
  )
}

function CandidateMap({ tiles, order, cands, chosen, onChoose }: { tiles: MapTiles; order: OrderDetail; cands: Candidates; chosen?: string; onChoose: (id: string) => void }) {
  const ref = useRef<HTMLDivElement>(null)
  const markers = useRef(new Map<string, HTMLElement>())
  useEffect(() => {
    const at = toDisplay([order.location.lng, order.location.lat] as [number, number], tiles.crs)
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      center: at, zoom: 14, attributionControl: tiles.provider === 'none' ? false : { compact: true }, fadeDuration: 0,
    })
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    let unorient = () => {}
    map.on('load', () => { unorient = addOrientation(map, tiles.crs) })
    new Marker({ color: '#c8102e' }).setLngLat(at).addTo(map)
    const points: [number, number][] = [at]
    for (const c of cands.items) {
      if (!c.location) continue
      const p = toDisplay([c.location.lng, c.location.lat] as [number, number], tiles.crs)
      points.push(p)
      const el = document.createElement('button')
      el.type = 'button'
      el.title = c.person.name
      el.setAttribute('aria-label', c.person.name)
      el.style.cssText = `width:16px;height:16px;border-radius:50%;border:2px solid #fff;cursor:pointer;padding:0;background:${c.busy || !c.inWindow ? '#8c8c8c' : '#1677ff'}`
      el.onclick = () => onChoose(c.person.id)
      markers.current.set(c.person.id, el)
      new Marker({ element: el }).setLngLat(p).addTo(map)
    }
    if (points.length > 1) {
      const lngs = points.map((p) => p[0])
      const lats = points.map((p) => p[1])
      map.fitBounds([[Math.min(...lngs) - 0.002, Math.min(...lats) - 0.002], [Math.max(...lngs) + 0.002, Math.max(...lats) + 0.002]], { duration: 0 })
    }
    return () => { unorient(); map.remove() }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => {
    for (const [id, el] of markers.current) el.style.outline = id === chosen ? '3px solid #c8102e' : 'none'
  }, [chosen])
  return <div ref={ref} style={{ width: '100%', height: '100%' }} />
}
