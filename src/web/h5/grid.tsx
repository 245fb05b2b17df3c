// "My grid" data (GET /me/grid) and the list of grid leader / workers with tap-to-call links,
// shared by the home card and the My grid page.
import { useQuery } from '@tanstack/react-query'
import { api, ApiError } from '../shared/api.ts'
import { roleLabels } from '../shared/roles.ts'
import { useLocalText, useT } from './labels.ts'

export interface MyGrid {
  grid: { id: string; name: string }
  community: { id: string; name: string } | null
  street: { id: string; name: string } | null
  home: { id: string; name: string; kind: string }
  workers: { personId: string; name: string; role: string; phone: string | null }[]
}

export function useMyGrid(enabled: boolean) {
  return useQuery({ queryKey: ['me', 'grid'], queryFn: () => api<MyGrid>('/me/grid'), enabled, staleTime: 60_000 })
}

export function isNoGrid(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NO_GRID_FOR_PERSON'
}

/** 138 0000 0000: easier to read aloud and check. */
export function spacedPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone
}

export function WorkerList({ workers }: { workers: MyGrid['workers'] }) {
  const t = useT()
  const text = useLocalText()
  if (workers.length === 0) return <p className="h5-muted">{t('noWorkers')}</p>
  return (
    <ul className="h5-workers">
      {workers.map((w) => {
        const role = text(roleLabels[w.role], w.role)
        return (
          <li key={`${w.personId}-${w.role}`} className="h5-worker">
            <div className="h5-worker-text">
              <span className="h5-worker-name">{w.name}</span>
              <span className="h5-worker-role">{role}</span>
              <span className="h5-worker-phone">{w.phone ? spacedPhone(w.phone) : t('noPhone')}</span>
            </div>
            {w.phone && (
              <a className="h5-call" href={`tel:${w.phone}`} aria-label={t('callWho', { name: w.name, role })}>
                {t('call')}
              </a>
            )}
          </li>
        )
      })}
    </ul>
  )
}
