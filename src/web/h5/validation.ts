// Client-side checks that mirror the server's rules, so mistakes show before sending.
export const phonePattern = /^1[3-9][0-9]{9}$/

/** At least 8 characters with 3 of the 4 kinds: lower case, upper case, digits, symbols. */
export function passwordStrongEnough(p: string): boolean {
  if (p.length < 8) return false
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3
}

/** The rules of a "new password" field: required, and strong enough by the policy above. */
export function newPasswordRules(messages: { required: string; weak: string }) {
  return [
    { required: true, message: messages.required },
    {
      validator: async (_: unknown, v: string | undefined) => {
        if (v && !passwordStrongEnough(v)) throw new Error(messages.weak)
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
