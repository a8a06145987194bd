import type { ClientConfig } from '@stormline/shared/api/types'
import { useEffect, useState } from 'react'
import { getClientConfig } from '../api/client.ts'

const fallbackConfig: ClientConfig = { tldrawLicenseKey: null }
let configRequest: Promise<ClientConfig> | null = null

/** Fetched once per page load: the operator's settings do not change under a running page. */
function loadConfig(): Promise<ClientConfig> {
  configRequest ??= getClientConfig().catch((error: unknown) => {
    // Without a licence key tldraw still runs (with its watermark); better than no board.
    console.warn('[stormline] could not load /api/config, continuing without it', error)
    return fallbackConfig
  })
  return configRequest
}

/** Undefined until the server's answer (or the fallback) is known. */
export function useClientConfig(): ClientConfig | undefined {
  const [config, setConfig] = useState<ClientConfig | undefined>(undefined)
  useEffect(() => {
    let current = true
    loadConfig().then((loaded) => {
      if (current) setConfig(loaded)
    })
    return () => {
      current = false
    }
  }, [])
  return config
}
