// Open311 documents as XML. GeoReport v2 defines its JSON as the "Spark convention" mapping of
// its XML, so both formats are written from the same plain data: an object is an element with
// one child per key, an array is a wrapper element whose items all take one name (`services` →
// `service`, `service_requests` → `request`, …), null is an empty element.

export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value }

/** The element name of the items of each list the spec and its updates extension define. */
const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
}

// Characters XML 1.0 cannot carry at all (controls other than tab/newline/return, lone
// surrogates, U+FFFE/U+FFFF): dropped, or the document would not parse.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

function element(name: string, value: Open311Value, indent: string): string {
  if (value === null) return `${indent}<${name}/>\n`
  if (Array.isArray(value)) {
    const item = itemNames[name]
    if (!item) throw new Error(`no item element name for the list ${name}`)
    if (value.length === 0) return `${indent}<${name}/>\n`
    return `${indent}<${name}>\n${value.map((v) => element(item, v, indent + '  ')).join('')}${indent}</${name}>\n`
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([k, v]) => element(k, v, indent + '  ')).join('')
    return children ? `${indent}<${name}>\n${children}${indent}</${name}>\n` : `${indent}<${name}/>\n`
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`
}

/** A whole document: the UTF-8 declaration the spec requires, then the root element. */
export function xmlDocument(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}`
}
