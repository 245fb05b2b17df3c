// 年度计划: the required frequency of each kind of Party meeting for the organisation and year
// (the Party rules' defaults until the organisation saves its own).
import { useEffect, useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Select, Table } from 'antd'
import type { z } from 'zod'
import type { planSchema } from '@server/modules/party_life/party_life.schemas.ts'
import { meetingKinds, partyMeetingKindCodes, type MeetingKind } from '@server/modules/meetings/meetings.kinds.ts'
import type { Frequency } from '@server/modules/party_life/party_life.kinds.ts'
import { api } from '../../../shared/api.ts'
import { useI18n } from '../../../shared/i18n.tsx'
import { errorMessage } from '../../common.tsx'
import { frequencyWords, usePartyLifeLabels } from './labels.ts'

type Plan = z.infer<typeof planSchema>

export function PlanTab({ partyOrgId, year, canManage }: { partyOrgId: string; year: number; canManage: boolean }) {
  const L = usePartyLifeLabels()
  const { lang } = useI18n()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const found = useQuery({ queryKey: ['party-life', 'plan', partyOrgId, year], queryFn: () => api<Plan>(`/party-orgs/${partyOrgId}/plans/${year}`) })
  const [draft, setDraft] = useState<Record<string, Frequency>>({})
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    const d: Record<string, Frequency> = Object.fromEntries(partyMeetingKindCodes.map((k) => [k, 'none' as Frequency]))
    for (const i of found.data?.items ?? []) d[i.kind] = i.frequency
    setDraft(d)
  }, [found.data])
  const save = async () => {
    setError(null)
    try {
      await api(`/party-orgs/${partyOrgId}/plans/${year}`, { method: 'PUT', body: { items: Object.entries(draft).map(([kind, frequency]) => ({ kind, frequency })) } })
      await queryClient.invalidateQueries({ queryKey: ['party-life'] })
      void message.success(L.planSaved)
    } catch (err) { setError(errorMessage(err)) }
  }
  const isDefault = (found.data?.items ?? []).some((i) => i.isDefault)
  return (
    <>
      {isDefault && <Alert type="info" showIcon title={L.planDefault} style={{ marginBottom: 12 }} />}
      {(error || found.error) && <Alert type="error" showIcon title={error ?? errorMessage(found.error)} role="alert" style={{ marginBottom: 12 }} />}
      <Table rowKey="kind" size="small" pagination={false} style={{ maxWidth: 560 }} dataSource={partyMeetingKindCodes.map((kind) => ({ kind }))}
        columns={[
          { title: L.kind, key: 'k', render: (_, r: { kind: MeetingKind }) => meetingKinds[r.kind][lang] },
          { title: L.frequency, key: 'f', width: 200, render: (_, r: { kind: MeetingKind }) => (
            <Select aria-label={`${meetingKinds[r.kind][lang]} ${L.frequency}`} disabled={!canManage} style={{ width: 160 }} value={draft[r.kind]}
              onChange={(v) => setDraft({ ...draft, [r.kind]: v })} options={Object.entries(frequencyWords).map(([k, v]) => ({ value: k, label: v[lang] }))} />
          ) },
        ]} />
      {canManage && <Button type="primary" style={{ marginTop: 16 }} onClick={() => void save()}>{L.savePlan}</Button>}
    </>
  )
}
