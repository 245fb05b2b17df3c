// The ledger's rules live in the database (balances never below zero, one reversal per
// transaction, stock never below zero, unique rule codes); this turns their violations into the
// errors a client can act on.
import { AppError, conflict, unprocessable } from '../../kernel/errors.ts'
import { pgErrorOf } from '../../kernel/error-handler.ts'

function ledgerError(err: unknown): unknown {
  if (err instanceof AppError) return err
  const pg = pgErrorOf(err)
  if (pg?.constraint === 'points_accounts_balance_check') return unprocessable('POINTS_BALANCE_INSUFFICIENT')
  if (pg?.constraint === 'points_transactions_reverses_key') return conflict('POINTS_ALREADY_REVERSED')
  if (pg?.constraint === 'points_rewards_stock_check') return unprocessable('POINTS_STOCK_NEGATIVE')
  if (pg?.constraint === 'points_rules_pkey') return conflict('POINTS_RULE_EXISTS')
  return err
}

/** Runs a ledger write, answering its database rules' violations as client errors. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    throw ledgerError(err)
  }
}
