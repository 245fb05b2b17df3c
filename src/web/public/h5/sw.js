// The phone pages' service worker (registered by the red map, issue 14): a courier in a basement
// still sees the stations loaded last time. Pages load from the network and fall back to the
// last copy; hashed assets are kept once fetched; the venue list, venue pages, "nearest" answers
// and the map configuration come from the network and fall back to the last answer. Nothing else
// is touched. The page itself says how old an offline list is.
const CACHE = 'linli-h5-v3'
const SHELL = '/h5/index.html'

// The page that registered the worker was loaded before it: keep its entry point now.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((c) => fetch('/h5/', { cache: 'reload' }).then((r) => (r.ok ? c.put(SHELL, r) : undefined)))
    .catch(() => undefined)
    .then(() => self.skipWaiting()))
})

// …and the scripts and styles it already loaded, which the page lists once the worker is ready.
self.addEventListener('message', (event) => {
  const urls = Array.isArray(event.data?.keep) ? event.data.keep.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).pathname.startsWith('/assets/')) : []
  if (urls.length) event.waitUntil(caches.open(CACHE).then((c) => Promise.all(urls.map((u) => c.match(u).then((hit) => hit ?? c.add(u).catch(() => undefined))))))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('linli-h5-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()))
})

const offlineData = /^\/api\/v1\/(venues(\/|\?|$)|client-config$)/

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok) {
      // Kept with the time it was fetched, which an offline answer then carries.
      const headers = new Headers(response.headers)
      headers.set('x-linli-saved-at', new Date().toISOString())
      await cache.put(key ?? request, new Response(await response.clone().blob(), { status: response.status, headers }))
    }
    return response
  } catch (err) {
    const cached = await cache.match(key ?? request)
    if (cached) return cached
    throw err
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate' && url.pathname.startsWith('/h5')) {
    // Every phone page is the same entry point: one cached copy serves them all offline.
    event.respondWith(networkFirst(request, SHELL))
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request))
  } else if (offlineData.test(url.pathname + (url.search ? '?' : ''))) {
    event.respondWith(networkFirst(request))
  }
})
