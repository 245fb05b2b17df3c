// Verification codes by SMS: for self-registration, and for changing one's own phone (the code
// goes to the new number). Only a hash of each code is kept; a code is good for one use, five
// guesses and SMS_CODE_TTL_SEC. Asking for a code never tells the caller whether the phone
// already has an account: the answer is the same, and only the SMS (which only the phone's
// holder reads) says so.
import { randomInt } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Config } from '../../kernel/config.ts'
import { firstRow, rows, type Executor } from '../../kernel/db/client.ts'
import type { RequestContext } from '../../kernel/context.ts'
import { AppError, unauthenticated, unprocessable } from '../../kernel/errors.ts'
import { requireSignedIn } from '../../kernel/policy.ts'
import { sha256 } from '../../kernel/auth/secrets.ts'
import type { SmsProvider } from '../../kernel/sms.ts'
import type { PiiKeyring } from '../../kernel/pii.ts'
import { inTransaction } from '../../kernel/db/transaction.ts'
import { personLogins } from '../people/people.read.ts'

export type SmsPurpose = 'register' | 'login' | 'phone_change'

const invalidCode = () => unprocessable('SMS_CODE_INVALID', {}, [{ path: 'code', message: 'auth.smsCodeWrong' }])

export function createSmsCodes(deps: { db: Executor; config: Config; sms: SmsProvider; pii: Pick<PiiKeyring, 'hash'> }) {
  const { db, config, sms, pii } = deps
  const minutes = Math.round(config.SMS_CODE_TTL_SEC / 60)
  const sent = () => ({ expiresInSec: config.SMS_CODE_TTL_SEC, resendAfterSec: config.SMS_RESEND_SEC })

  /**
   * Stores a code for the phone (one per phone and purpose per SMS_RESEND_SEC) and returns it.
   * A `spent` code is stored already used: it keeps the resend interval the same for a phone
   * that gets no code, so the interval does not give the phone away either.
   */
  async function storeCode(ctx: RequestContext, phone: string, purpose: SmsPurpose, accountId: string | null, spent: boolean): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    await inTransaction(db, async (tx) => {
      const recent = await firstRow<{ wait: number }>(tx, sql`SELECT ceil(extract(epoch FROM created_at + make_interval(secs => ${config.SMS_RESEND_SEC}) - now()))::int AS wait
        FROM sms_codes WHERE phone = ${phone} AND purpose = ${purpose} AND created_at > now() - make_interval(secs => ${config.SMS_RESEND_SEC})
        ORDER BY id DESC LIMIT 1 FOR UPDATE`)
      if (recent) throw new AppError(429, 'SMS_CODE_TOO_SOON', { retryAfterSec: recent.wait }, { retryAfterSec: recent.wait })
      await tx.execute(sql`INSERT INTO sms_codes (phone, purpose, code_hash, expires_at, ip, account_id, consumed_at)
        VALUES (${phone}, ${purpose}, ${sha256(`${phone}:${code}`)}, now() + make_interval(secs => ${config.SMS_CODE_TTL_SEC}), ${ctx.ip},
                ${accountId}, ${spent ? sql`now()` : null})`)
    })
    return code
  }

  /**
   * Checks a code against the newest live one for the phone (and, for a phone change, the
   * account that asked for it), outside any transaction: a wrong guess counts against the code
   * (5 at most) even though the request then fails. Returns the code's id for `consumeSmsCode`.
   */
  async function checkSmsCode(phone: string, purpose: SmsPurpose, code: string, accountId: string | null = null): Promise<string> {
    const live = await firstRow<{ id: string; code_hash: string; attempts: number }>(db, sql`SELECT id::text, code_hash, attempts FROM sms_codes
      WHERE phone = ${phone} AND purpose = ${purpose} AND account_id IS NOT DISTINCT FROM ${accountId}::bigint
        AND consumed_at IS NULL AND expires_at > now() ORDER BY id DESC LIMIT 1`)
    if (!live || live.attempts >= 5) throw invalidCode()
    if (live.code_hash !== sha256(`${phone}:${code}`)) {
      await db.execute(sql`UPDATE sms_codes SET attempts = attempts + 1 WHERE id = ${live.id}`)
      throw invalidCode()
    }
    return live.id
  }

  /** Uses up a checked code inside the caller's transaction; a code is good for one use only. */
  async function consumeSmsCode(ex: Executor, codeId: string): Promise<void> {
    const used = await rows(ex, sql`UPDATE sms_codes SET consumed_at = now() WHERE id = ${codeId} AND consumed_at IS NULL RETURNING id`)
    if (used.length === 0) throw invalidCode()
  }

  return {
    /**
     * Sends a registration code, or, to a phone that already has an account, a reminder to log
     * in instead. The caller gets the same answer either way.
     */
    async sendSmsCode(ctx: RequestContext, phone: string, purpose: 'register' | 'login') {
      const taken = await firstRow(db, sql`SELECT 1 FROM accounts a JOIN ${personLogins} p ON p.id = a.person_id WHERE p.phone_hash = ${pii.hash('phone', phone)} AND p.deleted_at IS NULL`)
      if (purpose === 'login') {
        // A login code goes only to a phone with an account; the caller hears the same either way.
        const code = await storeCode(ctx, phone, purpose, null, taken === undefined)
        await sms.send(phone, taken
          ? `【邻里】您的登录验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。如非本人操作请忽略。`
          : '【邻里】有人在用本手机号登录邻里，但本号码还没有注册。如需使用，请先注册。如非本人操作请忽略。')
        return sent()
      }
      const code = await storeCode(ctx, phone, purpose, null, taken !== undefined)
      await sms.send(phone, taken
        ? '【邻里】有人在用本手机号注册邻里账号，但本号码已注册，请直接登录；忘记密码请联系社区工作人员重置。如非本人操作请忽略。'
        : `【邻里】您的验证码是 ${code}，${minutes} 分钟内有效。如非本人操作请忽略。`)
      return sent()
    },

    /** Sends a code to the number the signed-in person wants as their phone (tokens cannot). */
    async sendPhoneChangeCode(ctx: RequestContext, phone: string) {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.accountId) throw unauthenticated()
      const code = await storeCode(ctx, phone, 'phone_change', ctx.actor.accountId, false)
      await sms.send(phone, `【邻里】您正在将邻里账号的手机号改为本号码，验证码是 ${code}，${minutes} 分钟内有效。如非本人操作请忽略。`)
      return sent()
    },

    checkSmsCode,
    consumeSmsCode,

    /** Checks and uses up the signed-in person's phone-change code for `phone`. */
    async usePhoneChangeCode(ctx: RequestContext, phone: string, code: string): Promise<void> {
      requireSignedIn(ctx.actor)
      if (!ctx.actor.accountId) throw unauthenticated()
      const codeId = await checkSmsCode(phone, 'phone_change', code, ctx.actor.accountId)
      await consumeSmsCode(db, codeId)
    },
  }
}
