// The state of a secretary's project or responsibility-list item follows from its record: done once
// closed; overdue while a milestone is open past its due day; in progress once anything moved
// (a milestone done or progress reported); planned before. Progress is the share of milestones
// done unless the owner set it by hand.
import type { SecretaryProjectState } from './secretary_projects.schemas.ts'

export interface WorkState {
  closed: boolean
  progress: number
  progressManual: boolean
  milestones: { dueOn: string; done: boolean }[]
}

/** Today in China time, as YYYY-MM-DD. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

export function progressOf(w: WorkState): number {
  if (w.closed) return 100
  if (w.progressManual) return w.progress
  const total = w.milestones.length
  return total === 0 ? 0 : Math.round((w.milestones.filter((m) => m.done).length * 100) / total)
}

export function stateOf(w: WorkState, today: string): SecretaryProjectState {
  if (w.closed) return 'done'
  if (w.milestones.some((m) => !m.done && m.dueOn < today)) return 'overdue'
  if (progressOf(w) > 0 || w.milestones.some((m) => m.done)) return 'in_progress'
  return 'planned'
}

/** A project names one year; a responsibility list up to three. */
export function yearsProblem(kind: 'project' | 'duty', yearFrom: number, yearTo: number): string | null {
  if (yearTo < yearFrom) return 'secretaryProjects.yearsOrder'
  if (kind === 'project' && yearTo !== yearFrom) return 'secretaryProjects.yearsProject'
  if (kind === 'duty' && yearTo - yearFrom > 2) return 'secretaryProjects.yearsDuty'
  return null
}
