// 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first
// 17; characters 9–17 are the organisation code (GB 11714), itself with a check character.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** The check character (18th) of the first 17 characters. */
export function creditCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]!) * WEIGHTS[i]!
  return CHARS[(31 - (sum % 31)) % 31]!
}

/** The check character (9th) of an organisation code's first 8 characters (digits or capitals). */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = first8[i]!
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55
    sum += v * ORG_WEIGHTS[i]!
  }
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/** True when the code has the right shape and its check character matches. */
export function isValidCreditCode(code: string): boolean {
  return CREDIT_CODE_PATTERN.test(code) && creditCheckChar(code.slice(0, 17)) === code[17]
}

/** Builds a valid code from the registering authority and category ("11", "91", "51" …), a 6-digit division code and 8 characters of organisation code. */
export function buildCreditCode(authorityCategory: string, division: string, orgBase: string): string {
  const first17 = authorityCategory + division + orgBase + orgCodeCheckChar(orgBase)
  return first17 + creditCheckChar(first17)
}
