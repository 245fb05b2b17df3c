// The base map the server is configured with (GET /client-config, public): none (a plain
// background, nothing fetched), or raster tiles from Tianditu (WGS-84) or AMap (GCJ-02).
// Fetched once per page load; if it cannot be had, the map goes without tiles.
import { useQuery } from '@tanstack/react-query'
import { api } from './api.ts'
import type { Crs } from './crs.ts'

export interface MapTiles {
  provider: 'none' | 'tianditu' | 'amap'
  crs: Crs
  tiles: string[]
  attribution: string
}
export interface ClientConfig {
  mapTiles: MapTiles
}

export const NO_TILES: MapTiles = { provider: 'none', crs: 'wgs84', tiles: [], attribution: '' }
export const clientConfigKey = ['client-config'] as const

function normalise(t: Partial<MapTiles> | undefined): MapTiles {
  if (!t || (t.provider !== 'tianditu' && t.provider !== 'amap') || !Array.isArray(t.tiles) || t.tiles.length === 0) return NO_TILES
  return { provider: t.provider, crs: t.crs === 'gcj02' ? 'gcj02' : 'wgs84', tiles: t.tiles, attribution: t.attribution ?? '' }
}

/** The base map, or undefined while the configuration is still on its way. */
export function useMapTiles(): MapTiles | undefined {
  const q = useQuery({
    queryKey: clientConfigKey,
    queryFn: () => api<ClientConfig>('/client-config', { quiet401: true }),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  })
  if (q.data) return normalise(q.data.mapTiles)
  return q.isError ? NO_TILES : undefined
}
