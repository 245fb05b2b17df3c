// One call for every change on the meeting page: the answer is the meeting itself, put straight
// into the page's query; a refusal shows its message.
import { App } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import type { Meeting } from '@server/modules/meetings/meetings.schemas.ts'
import { api } from '../../../shared/api.ts'
import { errorMessage } from '../../common.tsx'

export function useMeetingAction(id: string) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return async (path: string, body?: unknown, method = 'POST'): Promise<boolean> => {
    try {
      const m = await api<Meeting>(`/meetings/${id}${path}`, { method, body })
      queryClient.setQueryData(['meetings', 'one', id], m)
      void queryClient.invalidateQueries({ queryKey: ['meetings'], predicate: (q) => q.queryKey[1] !== 'one' })
      return true
    } catch (err) {
      void message.error(errorMessage(err))
      return false
    }
  }
}
