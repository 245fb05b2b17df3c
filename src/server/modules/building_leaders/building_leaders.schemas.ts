// Schemas of building leaders' 三亮 cards and coverage (browser-safe: the web app imports them).
import { z } from 'zod'
import { idSchema, refSchema } from '../../kernel/contract.ts'

export const leaderDutySchema = z.enum(['party_building', 'information', 'errands', 'mediation', 'property_oversight', 'civility'])
export type LeaderDuty = z.infer<typeof leaderDutySchema>

export const leaderCardSchema = z.object({
  building: z.object({ id: z.string(), name: z.string(), where: z.string(), lng: z.number().nullable(), lat: z.number().nullable() }),
  leader: z.object({
    id: z.string(), name: z.string(), photoUrl: z.string().nullable(), partyMember: z.boolean(),
    duties: z.array(z.object({ code: leaderDutySchema, name: z.string() })), commitments: z.string(),
    phone: z.string().nullable(), phoneShown: z.boolean(), contactNote: z.string().nullable(),
  }).nullable(),
  /** Where the card's QR code leads (the phone page of this card). */
  cardUrl: z.string(),
  canEdit: z.boolean(),
})
export type LeaderCard = z.infer<typeof leaderCardSchema>

export const leaderCardInputSchema = z.strictObject({
  photoId: idSchema.nullable().optional(),
  duties: z.array(leaderDutySchema).max(6).refine((a) => new Set(a).size === a.length, '有重复项'),
  commitments: z.string().trim().max(1000, '承诺最多 1000 字'),
  showPhone: z.boolean(),
  contactNote: z.string().trim().max(200, '最多 200 字').nullable().optional(),
})

export const leadersQuerySchema = z.object({ orgId: idSchema })
export const leaderRowSchema = z.object({
  building: z.object({ id: z.string(), name: z.string(), where: z.string() }),
  leader: refSchema.nullable(), partyMember: z.boolean(), hasCard: z.boolean(),
})
export const coverageRowSchema = z.object({ org: refSchema, kind: z.string(), buildings: z.number().int(), withLeader: z.number().int(), partyMemberLeader: z.number().int() })
export const coverageSchema = z.object({ total: coverageRowSchema, rows: z.array(coverageRowSchema) })
