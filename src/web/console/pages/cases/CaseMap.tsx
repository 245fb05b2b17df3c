// 事件地图: the cases in scope as points coloured by state, with the inbox's filters; what is in
// view is reloaded after each move (GET /cases/map?bbox=).
import { useEffect, useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate, useSearchParams } from 'react-router'
import { Alert, Button, Flex, Typography } from 'antd'
import { api } from '../../../shared/api.ts'
import { errorMessage, PageTheme } from '../../common.tsx'
import { caseStates, filterQuery } from '../../../shared/cases.ts'
import { useCaseLabels } from '../../../shared/caseLabels.ts'
import { apiFilter, CaseFilterBar, stateColors, useCaseFilter } from './parts.tsx'
import { CaseMapView, type CaseCollection } from './CaseMapView.tsx'

/** Every state but the finished ones (rejected, closed). */
const OPEN_STATES = caseStates.filter((s) => s !== 'rejected' && s !== 'closed')

export default function CaseMapPage() {
  return (
    <PageTheme>
      <CaseMap />
    </PageTheme>
  )
}

function CaseMap() {
  const { L, state } = useCaseLabels()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [filter, set, clear] = useCaseFilter()
  const [bbox, setBbox] = useState<string | null>(null)
  // The map opens on the cases still open (issue 13), shown in the filter so it can be widened.
  useEffect(() => {
    if (!params.has('state')) set({ state: OPEN_STATES.join(',') })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const query = filterQuery(apiFilter(filter))
  if (bbox) query.set('bbox', bbox)
  const points = useQuery({
    queryKey: ['cases', 'map', query.toString()],
    queryFn: () => api<CaseCollection>(`/cases/map?${query}`),
    placeholderData: keepPreviousData,
  })
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{L.mapTitle}</Typography.Title>
        <Button onClick={() => navigate(`/cases?${params}`)}>{L.showList}</Button>
      </Flex>
      <CaseFilterBar filter={filter} set={set} clear={clear} />
      {points.error && <Alert type="error" showIcon title={errorMessage(points.error)} style={{ marginBottom: 16 }} role="alert" />}
      {points.data?.truncated && <Alert type="info" showIcon title={L.mapTruncated(points.data.limit ?? points.data.features.length)} style={{ marginBottom: 16 }} role="status" />}
      <CaseMapView features={points.data?.features ?? []} label={L.mapLabel} height={560} zoom={15} onBounds={(b) => setBbox(b.join(','))} />
      <Flex wrap gap={16} style={{ marginTop: 12 }} aria-label={L.state}>
        {caseStates.map((s) => (
          <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
            <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: '50%', background: stateColors[s], display: 'inline-block' }} />
            {state(s)}
          </span>
        ))}
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: '50%', border: '3px solid #cf1322', display: 'inline-block' }} />
          {L.overdueTag}
        </span>
      </Flex>
    </div>
  )
}
