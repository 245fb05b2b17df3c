// The audit log's contract: one entry, and the words of every action and record kind.
import { z } from 'zod'

const wordsSchema = z.object({ zh: z.string(), en: z.string() })
const vocabularyItemSchema = z.object({ code: z.string(), zh: z.string(), en: z.string() })

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.union([z.object({ personId: z.string(), name: z.string().nullable() }), z.object({ tokenId: z.string() })]).nullable(),
  action: z.string(),
  /** The action in words (the code itself for an entry recorded before it had words). */
  actionWords: wordsSchema,
  entity: z.string(),
  entityWords: wordsSchema,
  entityId: z.string().nullable(),
  orgPath: z.string().nullable(),
  /** The org path as names, from the top: ["南昌市", "东湖区", …]. */
  orgNames: z.array(z.string()).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  diff: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
})

export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditVocabularySchema = z.object({ actions: z.array(vocabularyItemSchema), entities: z.array(vocabularyItemSchema) })
export type AuditVocabulary = z.infer<typeof auditVocabularySchema>
