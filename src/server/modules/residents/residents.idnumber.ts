// Checks of resident identifiers (browser-safe: the web app imports them): the 18-character
// citizen ID number of GB 11643-1999 (region, birth date, sequence, ISO 7064 MOD 11-2 check
// character) and mainland mobile numbers.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

export const MOBILE_PATTERN = /^1[3-9][0-9]{9}$/

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

export interface IdNumberFacts {
  birthDate: string
  birthYear: number
  gender: 'male' | 'female'
}

/** Why an ID number is not valid (Chinese), or null when it is. `today` bounds the birth date. */
export function idNumberProblem(value: string, today = new Date()): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return '身份证号应为 18 位（最后一位可为 X）'
  if (!/^[1-9]/.test(value)) return '身份证号的地区码不正确'
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '身份证号中的出生日期不正确'
  if (date.getTime() > today.getTime()) return '身份证号中的出生日期晚于今天'
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return '身份证号校验位不正确'
  return null
}

/** Birth date, year and gender written in a valid ID number (the 17th digit is odd for men). */
export function idNumberFacts(value: string): IdNumberFacts {
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    birthYear: Number(value.slice(6, 10)),
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  }
}

/** Upper-cases a trailing x and drops spaces, as people type and spreadsheets store them. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}
