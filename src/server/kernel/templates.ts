// Templates that travel between communities through the shared library (云平台): a visit
// schedule, a service catalogue, a deliberation process template. The module that owns a kind of
// template registers it (its descriptor's `templates`); the library stores a practice's template
// as `{ kind, payload }` and, when another community adopts the practice, hands the payload back
// to the owner's importer, which creates the record through its own service in the caller's
// transaction. The library never names another module's tables.
import type { z } from 'zod'
import type { Executor } from './db/client.ts'
import type { RequestContext } from './context.ts'

export interface ImportedRecord {
  /** The owner's name for what was made ("visit_schedule"), its id and a label to show. */
  entity: string
  id: string
  label: string
}

export interface TemplateKind<P = unknown, O = unknown> {
  /** "visit_schedule", "service_catalogue", "deliberation_template". */
  kind: string
  label: { zh: string; en: string }
  /** Which nodes a template of this kind is imported at, in words for the import dialog. */
  importAt: { zh: string; en: string }
  /** The payload a practice carries (validated when the practice is published or edited). */
  payload: z.ZodType<P>
  /** What the importing cadre may add (validated before `import` is called). */
  options?: z.ZodType<O>
  /**
   * Makes a payload from an existing record the caller may read (publishing "our schedule" as a
   * template); optional.
   */
  exportFrom?(ex: Executor, ctx: RequestContext, sourceId: string): Promise<P>
  /** Creates the record at `orgId` in the caller's transaction, checking the caller's rights there. */
  import(ex: Executor, ctx: RequestContext, payload: P, target: { orgId: string; options: O | undefined }): Promise<ImportedRecord>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTemplateKind = TemplateKind<any, any>

export interface TemplateRegistry {
  register(kind: AnyTemplateKind): void
  get(kind: string): AnyTemplateKind | undefined
  list(): AnyTemplateKind[]
}

/** One registry per application (tests start several apps in one process). */
export function createTemplateRegistry(): TemplateRegistry {
  const kinds = new Map<string, AnyTemplateKind>()
  return {
    register(k) {
      if (kinds.has(k.kind)) throw new Error(`template kind ${k.kind} registered twice`)
      kinds.set(k.kind, k)
    },
    get: (kind) => kinds.get(kind),
    list: () => [...kinds.values()],
  }
}
