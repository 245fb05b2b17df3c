// Client-side checks that mirror the server's rules, so mistakes show before sending.
export const phonePattern = /^1[3-9][0-9]{9}$/

/** At least 8 characters with 3 of the 4 kinds: lower case, upper case, digits, symbols. */
export function passwordStrongEnough(p: string): boolean {
  if (p.length < 8) return false
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3
}

/** After a failed submit, bring the first message under a field into view. */
export function scrollToFirstError() {
  requestAnimationFrame(() => {
    document.querySelector('.adm-form-item-feedback-error, .h5-alert-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  })
}
