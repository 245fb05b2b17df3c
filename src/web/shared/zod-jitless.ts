// Zod compiles object parsers with `new Function` where it can. Under Linli's Content-Security-Policy
// (no 'unsafe-eval') its probe for that is blocked and reported as a CSP violation, although zod
// then falls back; turning the compiler off before any schema parses keeps the report clean.
import { config } from 'zod/v4/core'

config({ jitless: true })
