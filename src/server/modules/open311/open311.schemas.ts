// Open311 GeoReport v2 arguments. The spec's rules: an argument passed empty is the same as
// one not passed; lists are comma-delimited (a repeated argument is accepted as a list too);
// datetimes are W3C (ISO 8601 with a time zone, e.g. 2010-01-01T00:00:00Z).
import { z } from 'zod'

/** Empty means absent; a repeated query argument arrives as an array and means a list. */
function optionalArg<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v === '' ? undefined : v), schema.optional())
}

const commaList = (item: RegExp, message: string) =>
  z
    .string()
    .max(20_000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''))
    .refine((list) => list.length <= 1000 && list.every((x) => item.test(x)), message)

// A `+` offset sent unencoded in a URL arrives as a space: read it as the `+` it was.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+ -]\d{2}:\d{2})$/

export const w3cDatetime = z
  .string()
  .max(40)
  .transform((s) => s.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .refine((s) => W3C_DATETIME.test(s) && !Number.isNaN(Date.parse(s)), '须为带时区的 W3C 时间，如 2026-01-01T00:00:00Z')
  .transform((s) => new Date(s))

const jurisdiction = { jurisdiction_id: optionalArg(z.string().max(200)) }

export const formatSchema = z.enum(['xml', 'json'])
export type Format = z.infer<typeof formatSchema>

export const requestsQuerySchema = z.object({
  ...jurisdiction,
  service_request_id: optionalArg(commaList(/^\d{1,18}$/, '须为以逗号分隔的数字编号（至多 1000 个）')),
  service_code: optionalArg(commaList(/^[a-z0-9_.]{1,62}$/, '须为以逗号分隔的服务代码')),
  start_date: optionalArg(w3cDatetime),
  end_date: optionalArg(w3cDatetime),
  status: optionalArg(commaList(/^(open|closed)$/, '须为 open、closed 或 open,closed')),
})
export type RequestsQuery = z.infer<typeof requestsQuerySchema>

export const updatesQuerySchema = z.object({
  ...jurisdiction,
  start_date: optionalArg(w3cDatetime),
  end_date: optionalArg(w3cDatetime),
})

export const jurisdictionQuerySchema = z.object(jurisdiction)

const text = (max: number) => optionalArg(z.string().trim().max(max).transform((s) => s || undefined))

/** POST requests.{fmt}, form-encoded. Unknown arguments (attribute[…]) are ignored: no service has attributes. */
export const createRequestSchema = z.object({
  ...jurisdiction,
  api_key: text(200),
  service_code: optionalArg(z.string().max(100)),
  lat: optionalArg(z.coerce.number().min(-90).max(90)),
  long: optionalArg(z.coerce.number().min(-180).max(180)),
  address_string: text(200),
  address_id: text(200),
  email: optionalArg(z.email('邮箱格式不正确').max(200)),
  device_id: text(200),
  account_id: text(200),
  first_name: text(100),
  last_name: text(100),
  phone: optionalArg(z.string().trim().regex(/^[0-9+\-() ]{3,40}$/, '电话号码格式不正确')),
  description: text(2000),
  media_url: optionalArg(z.url({ protocol: /^https?$/, error: '须为 http(s) 网址' }).max(2000)),
})
export type CreateRequestInput = z.infer<typeof createRequestSchema>
