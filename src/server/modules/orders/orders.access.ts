// How service item, order and device ids that arrive in a path, a query or a body are checked:
// each loads the record's org path and the people it concerns.
import { sql } from 'drizzle-orm'
import { defineAccessLoader, idArray } from '../../kernel/access.ts'
import { rows } from '../../kernel/db/client.ts'
import { orgTree } from '../orgs/orgs.read.ts'
import { unitStaff } from '../units/units.read.ts'
import { teamMembers } from '../volunteers/volunteers.read.ts'
import type { DeviceSubject, OrderSubject, ServiceItemSubject } from './orders.policy.ts'

defineAccessLoader<ServiceItemSubject>('serviceItem', {
  notFound: 'SERVICE_ITEM_NOT_FOUND',
  read: 'serviceItem.read',
  async load(ex, ids) {
    const found = await rows<ServiceItemSubject & { id: string }>(ex, sql`SELECT i.id::text, o.path::text AS "orgPath"
      FROM service_items i JOIN ${orgTree} o ON o.id = i.org_id WHERE i.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

/** The people an order's assignee stands for: the members of its team, the people of its unit. */
export const assigneePeopleOf = (o: ReturnType<typeof sql>) => sql`ARRAY(
  SELECT tm.person_id::text FROM ${teamMembers} tm WHERE tm.team_id = ${o}.assignee_team_id
  UNION SELECT us.person_id::text FROM ${unitStaff} us WHERE us.unit_id = ${o}.assignee_unit_id)`

defineAccessLoader<OrderSubject>('order', {
  notFound: 'ORDER_NOT_FOUND',
  read: 'order.read',
  async load(ex, ids) {
    const found = await rows<OrderSubject & { id: string }>(ex, sql`SELECT x.id::text, x.state, o.path::text AS "orgPath", x.requester_id::text AS "requesterId",
        x.placed_by::text AS "placedById", x.assignee_person_id::text AS "assigneePersonId", x.provider_id::text AS "providerId",
        ${assigneePeopleOf(sql`x`)} AS "assigneePeople"
      FROM orders x JOIN ${orgTree} o ON o.id = x.org_id WHERE x.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})

defineAccessLoader<DeviceSubject>('device', {
  notFound: 'DEVICE_NOT_FOUND',
  read: 'device.read',
  async load(ex, ids) {
    const found = await rows<DeviceSubject & { id: string }>(ex, sql`SELECT d.id::text, o.path::text AS "orgPath", d.person_id::text AS "personId"
      FROM devices d JOIN ${orgTree} o ON o.id = d.org_id WHERE d.id = ANY(${idArray(ids)})`)
    return new Map(found.map(({ id, ...s }) => [id, s]))
  },
})
