// Who may do what with organisation life. A Party organisation's life is read by the staff (grid
// staff and above) of its org node and run (members, plans, meetings, study) by its cadres
// (community cadres and above); a member reads their own record.
import { definePolicy } from '../../kernel/policy.ts'
import { isManagerAt, isStaffAt } from '../meetings/meetings.policy.ts'

export interface PartyOrgSubject { id: string; name: string; path: string; orgPath: string; partyKind: string }
export interface StudySubject { id: string; orgPath: string }

definePolicy<PartyOrgSubject>('partyOrg.read', (actor, o) => isStaffAt(actor, o.path))
definePolicy<PartyOrgSubject>('partyOrg.manage', (actor, o) => isManagerAt(actor, o.path))
definePolicy<{ path: string }>('partyLife.overviewAt', (actor, o) => isStaffAt(actor, o.path))
definePolicy<{ path: string }>('study.createAt', (actor, o) => isManagerAt(actor, o.path))
definePolicy<StudySubject>('study.read', (actor, s) => isStaffAt(actor, s.orgPath))
definePolicy<StudySubject>('study.manage', (actor, s) => isManagerAt(actor, s.orgPath))
