// 15分钟生活圈: for a street or community and a service type, the share of buildings and of
// registered residents with such a venue within a 5-, 10- or 15-minute walk, each community's share
// on the map (darker is better covered), the blind spots as red dots, and the suggestion tool:
// where k new venues would cover the most residents, solved exactly, exportable to Excel.
import { useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, InputNumber, Progress, Radio, Select, Statistic, Table, Typography } from 'antd'
import { type GeoJSONSource, Map as MlMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { z } from 'zod'
import type { coverageSchema, Suggestion } from '@server/modules/venues/venues.schemas.ts'
import { serviceTypeWords } from '@server/modules/venues/venues.labels.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { toDisplay } from '../../../shared/crs.ts'
import { useMapTiles, type MapTiles } from '../../../shared/baseMap.ts'
import { download, errorMessage, OrgSelect } from '../../common.tsx'
import { useOwnNode } from '../../auth.tsx'
import { format, useVenueLabels } from './labels.ts'

setWorkerUrl(workerUrl)
type Coverage = z.infer<typeof coverageSchema>
type Geo = { type: 'FeatureCollection'; features: { id: string; geometry: GeoJSON.Geometry; properties: { id: string; name: string } }[] }

const pct = (x: number) => `${(x * 100).toFixed(1)}%`


export function CoverageTab() {
  const L = useVenueLabels()
  const { lang } = useI18n()
  const own = useOwnNode()
  const [orgId, setOrgId] = useState<string | undefined>(own?.value)
  const [serviceType, setServiceType] = useState('elderly')
  const [tier, setTier] = useState(15)
  const [k, setK] = useState(3)
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => { if (!orgId && own) setOrgId(own.value) }, [own, orgId])
  const coverage = useQuery({ queryKey: ['coverage', orgId, serviceType, tier], queryFn: () => api<Coverage>(`/coverage?orgId=${orgId}&serviceType=${serviceType}&tier=${tier}`), enabled: !!orgId })
  const outlines = useQuery({ queryKey: ['orgs', orgId, 'children.geojson'], queryFn: () => api<Geo>(`/orgs/${orgId}/children.geojson`), enabled: !!orgId })
  const body = { orgId, serviceType, tier, k }
  const suggest = async () => {
    setBusy(true)
    setError(null)
    try {
      setSuggestion(await api<Suggestion>('/coverage/suggestions', { method: 'POST', body }))
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const exportXlsx = () => download('/coverage/suggestions.xlsx', '选址建议.xlsx', body).catch((err) => setError(errorMessage(err)))
  const c = coverage.data
  return (
    <div>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <OrgSelect aria-label={L.org} placeholder={L.circleOrg} value={orgId} onChange={(v) => { setOrgId(v ?? undefined); setSuggestion(null) }} style={{ width: 220 }}
          known={own ? [own] : []} />
        <Select aria-label={L.services} value={serviceType} onChange={(v) => { setServiceType(v); setSuggestion(null) }} style={{ width: 140 }}
          options={Object.entries(serviceTypeWords).map(([value, w]) => ({ value, label: w[lang] }))} />
        <Radio.Group aria-label={L.tier} value={tier} onChange={(e) => { setTier(e.target.value as number); setSuggestion(null) }} optionType="button"
          options={[5, 10, 15].map((m) => ({ value: m, label: format(L.tierLabel, { m }) }))} />
      </Flex>
      {!orgId && <Alert type="info" showIcon title={L.circlePick} />}
      {coverage.error && <Alert type="error" showIcon title={errorMessage(coverage.error)} role="alert" />}
      {c && (
        <>
          <Flex gap={16} wrap style={{ marginBottom: 16 }}>
            <Card size="small" style={{ minWidth: 220 }}><Statistic title={L.buildingsCovered} value={pct(c.buildings.share)} suffix={<span style={{ fontSize: 14 }}>{c.buildings.covered}/{c.buildings.total}</span>} /></Card>
            <Card size="small" style={{ minWidth: 220 }}><Statistic title={L.residentsCovered} value={pct(c.residents.share)} suffix={<span style={{ fontSize: 14 }}>{c.residents.covered}/{c.residents.total}</span>} /></Card>
            <Card size="small" style={{ minWidth: 220 }}><Statistic title={L.blindSpots} value={c.uncoveredTotal} /></Card>
            <Typography.Text type="secondary" style={{ alignSelf: 'center', maxWidth: 420 }}>
              {format(c.method.kind === 'network' ? L.methodNetwork : L.methodLine, { walk: c.method.walkingMetres, straight: c.method.straightMetres, factor: c.method.detourFactor })}
            </Typography.Text>
          </Flex>
          <Flex gap={16} wrap align="start">
            <div style={{ flex: '1 1 560px', minWidth: 0 }}>
              <CoverageMap coverage={c} outlines={outlines.data ?? null} suggestion={suggestion} />
            </div>
            <div style={{ flex: '1 1 360px' }}>
              <Table size="small" rowKey="id" pagination={false} dataSource={c.communities} columns={[
                { title: L.community, dataIndex: 'name' },
                { title: L.buildingsCovered, key: 'b', width: 150, render: (_, r) => <Progress percent={Math.round(r.buildings.share * 100)} size="small" aria-label={`${r.name} ${L.buildingsCovered}`} /> },
                { title: L.residentsCovered, key: 'r', width: 110, render: (_, r) => (r.residents.total ? pct(r.residents.share) : '—') },
              ]} />
              <Card size="small" title={L.suggestTitle} style={{ marginTop: 16 }}>
                <Flex gap={8} align="center" wrap>
                  <span>{L.newSites}</span>
                  <InputNumber aria-label={L.newSites} min={1} max={20} value={k} onChange={(v) => setK(v ?? 1)} />
                  <Button type="primary" loading={busy} onClick={() => void suggest()}>{L.suggest}</Button>
                  {suggestion && <Button onClick={() => void exportXlsx()}>{L.exportExcel}</Button>}
                </Flex>
                {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />}
                {suggestion && (
                  <>
                    <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                      {format(L.solverLine, { status: suggestion.method.status, gap: pct(suggestion.gap), greedy: pct(suggestion.greedy.ratio), s: suggestion.method.seconds })}
                    </Typography.Paragraph>
                    <Table size="small" rowKey="rank" pagination={false} dataSource={suggestion.sites} columns={[
                      { title: '#', dataIndex: 'rank', width: 40 },
                      { title: L.site, key: 'site', render: (_, s) => s.building?.name ?? `${s.lng.toFixed(5)}, ${s.lat.toFixed(5)}` },
                      { title: L.newBuildings, key: 'nb', width: 90, render: (_, s) => s.newlyCovered.buildings },
                      { title: L.newResidents, key: 'nr', width: 90, render: (_, s) => s.newlyCovered.residents },
                    ]} />
                  </>
                )}
              </Card>
            </div>
          </Flex>
        </>
      )}
    </div>
  )
}

function CoverageMap(props: { coverage: Coverage; outlines: Geo | null; suggestion: Suggestion | null }) {
  const tiles = useMapTiles()
  return tiles ? <Canvas key={tiles.crs} tiles={tiles} {...props} /> : null
}

function Canvas({ tiles, coverage, outlines, suggestion }: { tiles: MapTiles; coverage: Coverage; outlines: Geo | null; suggestion: Suggestion | null }) {
  const L = useVenueLabels()
  const ref = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MlMap | null>(null)
  const markers = useRef<Marker[]>([])
  const shares = new Map(coverage.communities.map((c) => [c.id, c.buildings.share]))
  const data = {
    areas: { type: 'FeatureCollection' as const, features: (outlines?.features ?? []).map((f) => ({ type: 'Feature' as const, properties: { share: shares.get(f.properties.id) ?? 0 }, geometry: toDisplay(f.geometry, tiles.crs) })) },
    blind: { type: 'FeatureCollection' as const, features: coverage.uncovered.map((b) => ({ type: 'Feature' as const, properties: { name: b.name }, geometry: { type: 'Point' as const, coordinates: toDisplay([b.lng, b.lat] as [number, number], tiles.crs) } })) },
  }
  useEffect(() => {
    const pts = [...coverage.uncovered.map((b) => [b.lng, b.lat]), ...(outlines?.features ?? []).flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : []))].map((p) => toDisplay(p as [number, number], tiles.crs))
    const map = new MlMap({
      container: ref.current!,
      style: {
        version: 8,
        sources: tiles.provider === 'none' ? {} : { basemap: { type: 'raster', tiles: tiles.tiles, tileSize: 256, maxzoom: 18, attribution: tiles.attribution } },
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f1ea' } }, ...(tiles.provider === 'none' ? [] : [{ id: 'basemap', type: 'raster' as const, source: 'basemap' }])],
      },
      bounds: pts.length > 1 ? [[Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1]))], [Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))]] : undefined,
      fitBoundsOptions: { padding: 20 },
      center: pts.length > 1 ? undefined : [115.68, 28.75],
      zoom: pts.length > 1 ? undefined : 13,
      attributionControl: tiles.provider === 'none' ? false : { compact: true },
      fadeDuration: 0,
    })
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas })
      map.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': ['interpolate', ['linear'], ['get', 'share'], 0, '#fff1f0', 0.5, '#95de64', 1, '#237804'], 'fill-opacity': 0.55 } })
      map.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#595959', 'line-width': 1.2 } })
      map.addSource('blind', { type: 'geojson', data: data.blind })
      map.addLayer({ id: 'blind', type: 'circle', source: 'blind', paint: { 'circle-radius': 4, 'circle-color': '#cf1322', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } })
    })
    mapRef.current = map
    return () => map.remove()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    const apply = () => {
      ;(map.getSource('areas') as GeoJSONSource | undefined)?.setData(data.areas)
      ;(map.getSource('blind') as GeoJSONSource | undefined)?.setData(data.blind)
    }
    if (map.isStyleLoaded()) apply()
    else map.once('load', apply)
    for (const m of markers.current) m.remove()
    markers.current = (suggestion?.sites ?? []).map((s) => new Marker({ color: '#1677ff' }).setLngLat(toDisplay([s.lng, s.lat] as [number, number], tiles.crs)).addTo(map))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [coverage, outlines, suggestion])
  return <div ref={ref} role="region" aria-label={L.tabCoverage} style={{ height: 520, borderRadius: 8, overflow: 'hidden', border: '1px solid #f0f0f0' }} />
}
