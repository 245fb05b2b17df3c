// Client-side checks that mirror the server's rules, so mistakes show before sending.
import { defaultPasswordPolicy, type PasswordPolicy } from '../shared/passwordPolicy.ts'
export { usePasswordPolicy } from '../shared/passwordPolicy.ts'
export const phonePattern = /^1[3-9][0-9]{9}$/

/** Long enough, with enough of the 4 kinds: lower case, upper case, digits, symbols. */
export function passwordStrongEnough(p: string, policy: PasswordPolicy = defaultPasswordPolicy): boolean {
  if (p.length < policy.minLength) return false
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= policy.minClasses
}

/** The rules of a "new password" field: required, and strong enough by the policy. */
export function newPasswordRules(messages: { required: string; weak: string }, policy: PasswordPolicy = defaultPasswordPolicy) {
  return [
    { required: true, message: messages.required },
    {
      validator: async (_: unknown, v: string | undefined) => {
        if (v && !passwordStrongEnough(v, policy)) throw new Error(messages.weak)
      },
    },
  ]
}

/** After a failed submit, bring the first message under a field into view. */
export function scrollToFirstError() {
  requestAnimationFrame(() => {
    document.querySelector('.adm-form-item-feedback-error, .h5-alert-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  })
}
