// A service catalogue as a template of the shared library (云平台): a community publishes the items
// it defined (their terms: list, who provides, who may order, clocks, points) and another
// community imports them with one click; each becomes an item of the importing node, through the
// catalogue's own `createIn` (its rights checked there, audited), in the library's transaction.
import type { TemplateKind } from '../../kernel/templates.ts'
import { catalogueTemplateSchema, type CatalogueTemplate } from './orders.schemas.ts'
import type { Catalogue } from './orders.catalogue.ts'

export function serviceCatalogueTemplate(catalogue: Pick<Catalogue, 'createIn' | 'catalogueOf'>): TemplateKind<CatalogueTemplate> {
  return {
    kind: 'service_catalogue',
    label: { zh: '服务清单', en: 'Service catalogue' },
    importAt: { zh: '社区、街道或区（清单中的项目设在该处，已有同名项目也会新增）', en: 'A community, street or district (the items are made there, beside any of the same name)' },
    payload: catalogueTemplateSchema,
    exportFrom: (ex, ctx, sourceId) => catalogue.catalogueOf(ex, ctx, sourceId),
    async import(ex, ctx, payload, { orgId }) {
      for (const item of payload.items) await catalogue.createIn(ex, ctx, { ...item, orgId })
      return { entity: 'service_catalogue', id: orgId, label: `${payload.items.length} 个服务项目` }
    },
  }
}
