// The password rule as configured on the server (PASSWORD_MIN_LENGTH, PASSWORD_MIN_CLASSES), so
// every form explains the rule in force before the first try (issue 13), on the console and the phone.
import { useQuery } from '@tanstack/react-query'
import { api } from './api.ts'

export interface PasswordPolicy { minLength: number; minClasses: number }

/** The server's defaults, used until GET /public/password-policy answers. */
export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, minClasses: 3 }

export function usePasswordPolicy(): PasswordPolicy {
  const q = useQuery({ queryKey: ['password-policy'], queryFn: () => api<PasswordPolicy>('/public/password-policy'), staleTime: 3_600_000 })
  return q.data ?? defaultPasswordPolicy
}
