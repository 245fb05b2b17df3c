// Sending SMS is pluggable: production sets a provider for its SMS gateway; the built-in
// `console` provider writes each message to the log and keeps the last ones in memory, so a
// developer (or a test) can read the code.
import type { FastifyBaseLogger } from 'fastify'

export interface SmsMessage {
  phone: string
  text: string
  at: string
}

export interface SmsProvider {
  readonly name: string
  send(phone: string, text: string): Promise<void>
}

export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console'
  readonly outbox: SmsMessage[] = []
  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'> = { info: (o: unknown, m?: string) => console.log(m, o) }) {}

  async send(phone: string, text: string): Promise<void> {
    this.outbox.push({ phone, text, at: new Date().toISOString() })
    if (this.outbox.length > 100) this.outbox.shift()
    this.log.info({ phone, text }, 'SMS (console provider)')
  }

  /** The newest message sent to `phone`, for development and tests. */
  lastTo(phone: string): SmsMessage | undefined {
    return [...this.outbox].reverse().find((m) => m.phone === phone)
  }
}
