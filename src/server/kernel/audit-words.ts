// What the audit log calls every action and every kind of record, in Chinese and English. Each
// module owns its words (`<module>AuditWords` in its messages file); they are merged here so
// `recordAudit` only takes an action and an entity that have words: a new one without them
// fails the build, and the audit page never shows a bare code.
import { authAuditWords } from '../modules/auth/auth.messages.ts'
import { orgsAuditWords } from '../modules/orgs/orgs.messages.ts'
import { peopleAuditWords } from '../modules/people/people.messages.ts'
import { filesAuditWords } from '../modules/files/files.messages.ts'
import { casesAuditWords } from '../modules/cases/cases.messages.ts'
import { pointsAuditWords } from '../modules/points/points.messages.ts'
import { residentsAuditWords } from '../modules/residents/residents.messages.ts'
import { unitsAuditWords } from '../modules/units/units.messages.ts'
import { membersAuditWords } from '../modules/members/members.messages.ts'
import { volunteersAuditWords } from '../modules/volunteers/volunteers.messages.ts'
import { estatesAuditWords } from '../modules/estates/estates.messages.ts'
import { visitsAuditWords } from '../modules/visits/visits.messages.ts'
import { venuesAuditWords } from '../modules/venues/venues.messages.ts'
import { secretaryProjectsAuditWords } from '../modules/secretary_projects/secretary_projects.messages.ts'
import { hotspotsAuditWords } from '../modules/hotspots/hotspots.messages.ts'
import { statisticsAuditWords } from '../modules/statistics/statistics.messages.ts'
import { mobilisationAuditWords } from '../modules/mobilisation/mobilisation.messages.ts'
import { buildingLeadersAuditWords } from '../modules/building_leaders/building_leaders.messages.ts'
import { fundsAuditWords } from '../modules/funds/funds.messages.ts'
import { meetingsAuditWords } from '../modules/meetings/meetings.messages.ts'
import { partyLifeAuditWords } from '../modules/party_life/party_life.messages.ts'
import { broadcastsAuditWords } from '../modules/broadcasts/broadcasts.messages.ts'
import { wishesAuditWords } from '../modules/wishes/wishes.messages.ts'
import { libraryAuditWords } from '../modules/library/library.messages.ts'
import { familyBankAuditWords } from '../modules/family_bank/family_bank.messages.ts'
import { screensAuditWords } from '../modules/screens/screens.messages.ts'
import { deliberationAuditWords } from '../modules/deliberation/deliberation.messages.ts'
import { ordersAuditWords } from '../modules/orders/orders.messages.ts'
import { errandsAuditWords } from '../modules/errands/errands.messages.ts'
import { partitionsAuditWords } from './db/partitions.messages.ts'

export interface Words {
  zh: string
  en: string
}

export interface AuditWords {
  actions: Record<string, Words>
  entities: Record<string, Words>
  /** Actions named from a table (the case workflow's steps). */
  transitions?: Record<string, Words>
}

export const auditActionWords = { ...authAuditWords.actions, ...orgsAuditWords.actions, ...peopleAuditWords.actions, ...filesAuditWords.actions, ...casesAuditWords.actions, ...pointsAuditWords.actions, ...residentsAuditWords.actions, ...unitsAuditWords.actions, ...membersAuditWords.actions, ...volunteersAuditWords.actions, ...estatesAuditWords.actions, ...visitsAuditWords.actions, ...venuesAuditWords.actions, ...secretaryProjectsAuditWords.actions, ...hotspotsAuditWords.actions, ...mobilisationAuditWords.actions, ...buildingLeadersAuditWords.actions, ...fundsAuditWords.actions, ...meetingsAuditWords.actions, ...partyLifeAuditWords.actions, ...broadcastsAuditWords.actions, ...wishesAuditWords.actions, ...libraryAuditWords.actions, ...familyBankAuditWords.actions, ...screensAuditWords.actions, ...deliberationAuditWords.actions, ...ordersAuditWords.actions, ...errandsAuditWords.actions, ...statisticsAuditWords.actions, ...partitionsAuditWords.actions, ...casesAuditWords.transitions }
export type AuditAction = keyof typeof auditActionWords

export const auditEntityWords = { ...authAuditWords.entities, ...orgsAuditWords.entities, ...peopleAuditWords.entities, ...filesAuditWords.entities, ...casesAuditWords.entities, ...pointsAuditWords.entities, ...residentsAuditWords.entities, ...unitsAuditWords.entities, ...membersAuditWords.entities, ...volunteersAuditWords.entities, ...estatesAuditWords.entities, ...visitsAuditWords.entities, ...venuesAuditWords.entities, ...secretaryProjectsAuditWords.entities, ...hotspotsAuditWords.entities, ...mobilisationAuditWords.entities, ...buildingLeadersAuditWords.entities, ...fundsAuditWords.entities, ...meetingsAuditWords.entities, ...partyLifeAuditWords.entities, ...broadcastsAuditWords.entities, ...wishesAuditWords.entities, ...libraryAuditWords.entities, ...familyBankAuditWords.entities, ...screensAuditWords.entities, ...deliberationAuditWords.entities, ...ordersAuditWords.entities, ...errandsAuditWords.entities , ...statisticsAuditWords.entities, ...partitionsAuditWords.entities }
export type AuditEntity = keyof typeof auditEntityWords

/** The words of an action or entity; a code recorded before it had words reads as itself. */
export function wordsOf(table: Record<string, Words>, code: string): Words {
  return table[code] ?? { zh: code, en: code }
}
