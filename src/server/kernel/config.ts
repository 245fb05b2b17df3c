// Configuration: every environment variable Linli reads, parsed and checked once at start-up.
import { z } from 'zod'

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_INTERVAL_MIN: z.coerce.number().int().min(0).max(10080).default(60),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINLI_DEMO: flag.default(true),
  LINLI_ADMIN_PASSWORD: z.string().min(8).optional(),
  TRUST_PROXY: flag.default(false),
  SESSION_IDLE_MIN: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  SESSION_CACHE_SEC: z.coerce.number().min(0).max(60).default(5),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MIN: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_IP_PER_MIN: z.coerce.number().int().min(1).max(10000).default(30),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(128).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  GEOMETRY_TOLERANCE_M2: z.coerce.number().min(0).max(10000).default(10),
  MAP_TILES: z.enum(['none', 'tianditu', 'amap']).default('none'),
  MAP_TILES_KEY: z.string().min(1).optional(),
  SMS_PROVIDER: z.enum(['console']).default('console'),
  SMS_CODE_TTL_SEC: z.coerce.number().int().min(60).max(3600).default(300),
  SMS_RESEND_SEC: z.coerce.number().int().min(0).max(3600).default(60),
  /** Where photos are stored (content-addressed); default DATA_DIR/files. */
  FILES_DIR: z.string().min(1).optional(),
  /** `local` (FILES_DIR) or `s3` (an S3-compatible bucket: MinIO, OSS, COS, AWS). */
  FILES_STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3 bucket names are 3–63 lower-case letters, digits, dots and hyphens').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PREFIX: z.string().regex(/^([\w.-]+\/)*$/, 'a prefix like "linli/" (ends with a slash) or empty').default(''),
  FILE_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(8 * 1024 * 1024),
  /** How many times a dissatisfied reporter or a failed revisit may reopen one case. */
  CASE_MAX_REOPENS: z.coerce.number().int().min(0).max(20).default(2),
  /** Hours a case may stay overdue before the scheduler escalates it one level (0 = never). */
  CASE_AUTO_ESCALATE_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  /** Run the minute sweep (deadlines, reminders, revisits, digests, visit tasks). */
  SCHEDULER: flag.default(true),
  /** Path of the personal-information key file (JSON, see docs/residents-api.md); default DATA_DIR/pii.key, generated on first start. */
  LINLI_PII_KEY_FILE: z.string().min(1).optional(),
  /** The same key JSON given inline (takes precedence over the key file). */
  LINLI_PII_KEYS: z.string().min(1).optional(),
  /** Most core paired units per community ("5+X+Y": the 5) unless a street or community sets its own. */
  PAIRING_MAX_UNITS: z.coerce.number().int().min(1).max(50).default(5),
  /** The address phones reach this server at (e.g. https://linli.example.cn), put into check-in QR codes; default: the address the organiser's browser used. */
  PUBLIC_URL: z.string().url().regex(/^https?:\/\/[^/]+$/, 'an origin like https://linli.example.cn (no path, no trailing slash)').optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
})

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {}

/** Parses the environment; a bad value throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = configSchema.safeParse(input)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`)
  }
  if (parsed.data.FILES_STORAGE === 's3') {
    const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !parsed.data[k])
    if (missing.length) throw new ConfigError(`配置错误 (invalid configuration):\n${missing.map((k) => `  ${k}: FILES_STORAGE=s3 时必填 (required with FILES_STORAGE=s3)`).join('\n')}`)
  }
  if (parsed.data.MAP_TILES === 'tianditu' && !parsed.data.MAP_TILES_KEY) {
    throw new ConfigError('配置错误 (invalid configuration):\n  MAP_TILES_KEY: 天地图需要密钥 (Tianditu needs a key)')
  }
  return parsed.data
}
