// Who may do what with the service catalogue, orders and one-button devices. Staff are the grid
// workers and cadres over the order's node (a grid worker over their grid, cadres over their
// community and above); the community reviews and dispatches. Providers are the person an order
// is assigned to, the members of the assigned team, the people of the assigned unit, and (while
// it is open for grabbing) the members and volunteers who may serve it.
import { definePolicy, LEVEL, levelAt } from '../../kernel/policy.ts'
import type { Actor } from '../../kernel/context.ts'

export interface ServiceItemSubject {
  orgPath: string
}

export interface OrderSubject {
  state: string
  orgPath: string
  requesterId: string
  placedById: string | null
  assigneePersonId: string | null
  providerId: string | null
  /** Members of the assigned team, people of the assigned unit. */
  assigneePeople: string[]
}

export interface DeviceSubject {
  orgPath: string
  personId: string
}

const person = (actor: Actor) => actor.kind === 'person' && actor.personId !== null

/** Holds a member or volunteer role somewhere (or staff): may see the grab hall. */
export const mayServe = (actor: Actor) => person(actor) && actor.roles.some((r) => r.role !== 'resident')

export const isStaffOver = (actor: Actor, orgPath: string) => levelAt(actor, orgPath) >= LEVEL.gridStaff
export const isRequester = (actor: Actor, o: OrderSubject) => actor.personId !== null && (o.requesterId === actor.personId || o.placedById === actor.personId)
export const isProvider = (actor: Actor, o: OrderSubject) =>
  actor.personId !== null && (o.assigneePersonId === actor.personId || o.providerId === actor.personId || o.assigneePeople.includes(actor.personId))

definePolicy<ServiceItemSubject>('serviceItem.read', () => true)
definePolicy<ServiceItemSubject>('serviceItem.manage', (actor, i) => person(actor) && levelAt(actor, i.orgPath) >= LEVEL.cadre)
/** Ordering an item: anyone signed in (the item's audience and area are checked against their home). */
// Asks only who the caller is, not where the item is: the fast placing (orders.service.ts
// `placeFast`) checks it before the statement that reads the item; orders.policy.test.ts pins it.
definePolicy<ServiceItemSubject>('serviceItem.order', (actor) => person(actor))

definePolicy<OrderSubject>('order.read', (actor, o) =>
  isRequester(actor, o) || isProvider(actor, o) || isStaffOver(actor, o.orgPath) || (o.state === 'open' && mayServe(actor)))
definePolicy<OrderSubject>('order.manage', (actor, o) => person(actor) && isStaffOver(actor, o.orgPath))
/** 代下单: placing an order for a resident of one's area. */
definePolicy<{ orgPath: string }>('order.placeFor', (actor, o) => person(actor) && isStaffOver(actor, o.orgPath))

definePolicy<DeviceSubject>('device.read', (actor, d) => isStaffOver(actor, d.orgPath) || actor.personId === d.personId)
definePolicy<DeviceSubject>('device.manage', (actor, d) => person(actor) && isStaffOver(actor, d.orgPath))
