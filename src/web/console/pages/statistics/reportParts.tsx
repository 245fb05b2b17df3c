// Small pieces the reports pages share: state colours, the community kinds, the timeliness tag.
import type { Tone } from '../../common.tsx'
import { EmptyText, StatusTag } from '../../common.tsx'
import type { ReportLabels } from './reportLabels.ts'

export const stateTone: Record<string, Tone> = { open: 'muted', submitted: 'info', approved: 'success', accepted: 'success' }
export const COMMUNITY = new Set(['community', 'village'])

export function Timeliness({ onTime, L }: { onTime: boolean | null; L: ReportLabels }) {
  if (onTime === null) return <EmptyText>{L.notYet}</EmptyText>
  return <StatusTag tone={onTime ? 'success' : 'warning'}>{onTime ? L.onTime : L.late}</StatusTag>
}

/** What a failed request says about the manual fields (`manual.<code>`), and what is left for the alert. */
export function manualErrors(details: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(details).filter(([k]) => k.startsWith('manual.')).map(([k, v]) => [k.slice('manual.'.length), v]))
}
