// Configuration: every environment variable Linli reads, parsed and checked once at start-up.
import { isIP } from 'node:net'
import { z } from 'zod'

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')

const isCidr = (v: string) => {
  const [address, bits, extra] = v.split('/')
  const family = isIP(address ?? '')
  if (family === 0 || extra !== undefined) return false
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
}

/**
 * Which proxies may speak for the client (X-Forwarded-For/-Proto/-Host): none (`0`), the
 * nearest N hops (`1` = one reverse proxy in front), or the proxies' addresses and CIDRs.
 * `true` would trust any client's forged header, so it is refused rather than guessed at.
 */
const trustProxy = z.string().transform((raw, ctx): false | number | string[] => {
  const v = raw.trim()
  if (v === '0' || v === 'false') return false
  if (/^\d{1,2}$/.test(v)) return Number(v)
  if (v === 'true') {
    ctx.addIssue({ code: 'custom', message: 'true 会信任任何客户端伪造的 X-Forwarded-For：请写代理的地址（如 127.0.0.1）或代理层数（如 1）(give the proxy addresses or a hop count, not true)' })
    return z.NEVER
  }
  const list = v.split(',').map((s) => s.trim()).filter(Boolean)
  const bad = list.filter((s) => !isCidr(s))
  if (list.length === 0 || bad.length > 0) {
    ctx.addIssue({ code: 'custom', message: `不是 IP 地址或网段 (not an IP address or CIDR): ${bad.join(', ') || raw}` })
    return z.NEVER
  }
  return list
})

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
  /** How long a request waits for a connection (a new one, or a busy pool's next free one) before it is answered 503. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Streaming replicas for reads that tolerate lag (issue 19), comma-separated; ignored in embedded mode. */
  DATABASE_REPLICA_URLS: z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'))).default([]),
  /** A replica further behind the primary than this is skipped. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /** How often the replicas' replay position is checked (below the lag limit). */
  DATABASE_REPLICA_CHECK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** Issue 19: the grow-only tables partitioned by month on a PostgreSQL server (kernel/db/partitions.ts); months made ahead; months kept per table (`audit_log=72,notifications=24`; unset: everything). */
  DATABASE_PARTITIONS: flag.default(true), PARTITION_MONTHS_AHEAD: z.coerce.number().int().min(1).max(24).default(3), PARTITION_RETENTION_MONTHS: z.string().default(''),
  /**
   * Issue 19 §3, on a Citus coordinator only: `cases` (the default) distributes the cases family by
   * district (kernel/db/citus.ts); `none` keeps it on the coordinator as Citus local tables beside
   * the reference tables (the layout of 2026-12-07). docs/architecture.md, "Distribution on Citus".
   */
  DATABASE_CITUS_DISTRIBUTE: z.enum(['none', 'cases']).default('cases'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINLI_DEMO: flag.default(true),
  LINLI_ADMIN_PASSWORD: z.string().min(8).optional(),
  TRUST_PROXY: trustProxy.default(false),
  /** Hosts (host[:port]) this server answers as, besides PUBLIC_URL's: checked for same-origin writes and publicOrigin(). */
  ALLOWED_HOSTS: z.string().transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)).pipe(z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/, 'host or host:port'))).default([]),
  /** Seconds between the checks that close live streams (/events) whose session ended or expired. */
  LIVE_SESSION_CHECK_SEC: z.coerce.number().int().min(1).max(30).default(15),
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
  /** The `referer` Tencent Maps' navigation links carry (the key's application name registered with Tencent). */
  MAP_TENCENT_REFERER: z.string().min(1).max(100).default('linli'),
  /** Walking distance over straight-line distance, for walking minutes and the 15-minute life circle without a walking network. */
  WALK_DETOUR_FACTOR: z.coerce.number().min(1).max(3).default(1.3),
  /** The walks of the 5-, 10- and 15-minute life circles in metres (GB 50180-2018: 300, 500, 1000). */
  LIFE_CIRCLE_METRES: z.string().regex(/^\d{2,5},\d{2,5},\d{2,5}$/, '三个整数，如 300,500,1000').default('300,500,1000')
    .transform((s) => s.split(',').map(Number) as [number, number, number]),
  /** Days after a provider marks an order done before it counts as confirmed without the resident (issue 15). */
  ORDER_AUTO_CONFIRM_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** A rating at or below this sends an order back for rework, once. */
  ORDER_REWORK_RATING: z.coerce.number().int().min(1).max(4).default(2),
  /** How far a one-button device's signed timestamp may be from the server's clock, in seconds. */
  DEVICE_CLOCK_SKEW_S: z.coerce.number().int().min(5).max(3600).default(300),
  /** A device silent for longer than this many hours is listed as silent. */
  DEVICE_SILENT_HOURS: z.coerce.number().int().min(1).max(720).default(24),
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
  /** Largest photo accepted, in pixels (width × height, as declared in its header): a bigger one is refused before it is decoded. */
  IMAGE_MAX_PIXELS: z.coerce.number().int().min(10_000).max(268_402_689).default(50_000_000),
  /** Most rows in any worksheet of an imported spreadsheet (header included), counted before the file is parsed. */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(20000),
  /** Most bytes an imported spreadsheet may expand to (all its ZIP entries together), in MB. */
  IMPORT_MAX_UNCOMPRESSED_MB: z.coerce.number().min(1).max(1024).default(50),
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
  /** Most a wish (微心愿) may be worth, in yuan. */
  WISH_VALUE_CAP: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Most core paired units per community ("5+X+Y": the 5) unless a street or community sets its own. */
  PAIRING_MAX_UNITS: z.coerce.number().int().min(1).max(50).default(5),
  /** Most points one manual award or deduction may come to. */
  POINTS_MANUAL_MAX_PER_AWARD: z.coerce.number().int().min(1).max(1_000_000).default(500),
  /** Most points one person may award or deduct by hand in a day (China time), pending ones included. */
  POINTS_MANUAL_MAX_PER_DAY: z.coerce.number().int().min(1).max(10_000_000).default(2000),
  /** A manual award or deduction of more points than this waits for a second person's approval (0: every one does). */
  POINTS_MANUAL_APPROVAL_ABOVE: z.coerce.number().int().min(0).max(1_000_000).default(200),
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
  if (parsed.data.DATABASE_REPLICA_CHECK_MS >= parsed.data.DATABASE_REPLICA_MAX_LAG_MS) {
    throw new ConfigError('配置错误 (invalid configuration):\n  DATABASE_REPLICA_CHECK_MS: 须小于 DATABASE_REPLICA_MAX_LAG_MS (must be below DATABASE_REPLICA_MAX_LAG_MS)')
  }
  if (parsed.data.MAP_TILES === 'tianditu' && !parsed.data.MAP_TILES_KEY) {
    throw new ConfigError('配置错误 (invalid configuration):\n  MAP_TILES_KEY: 天地图需要密钥 (Tianditu needs a key)')
  }
  return parsed.data
}
