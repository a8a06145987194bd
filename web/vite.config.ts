import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv, type ProxyOptions } from 'vite'

export default defineConfig(({ mode }) => {
  // The API and sync server for `vite` / `vite preview`; `STORMLINE_SERVER=http://host:port`
  // points elsewhere (read from the environment or a .env file).
  const server = loadEnv(mode, '.', 'STORMLINE_').STORMLINE_SERVER ?? 'http://localhost:3000'
  const proxy: Record<string, ProxyOptions> = {
    '/api': { target: server },
    '/healthz': { target: server },
    '/sync': { target: server, ws: true },
  }

  return {
    plugins: [react()],
    // Only STORMLINE_PUBLIC_* variables reach the bundle. With Vite's default prefix (VITE_), a
    // VITE_TLDRAW_LICENSE_KEY in the build environment would be baked in and picked up by
    // tldraw; the licence key is the operator's and arrives at run time from /api/config.
    envPrefix: 'STORMLINE_PUBLIC_',
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Inlined data: URLs would break tldraw's icon sprite (referenced with #fragments) and
      // are harder to audit; every asset stays a same-origin file instead.
      assetsInlineLimit: 0,
      // tldraw alone is well over Vite's 500 kB warning threshold; nothing to act on.
      chunkSizeWarningLimit: 4000,
    },
    // The dependency pre-bundler cannot resolve the `?url` asset imports inside
    // @tldraw/assets/imports.vite; served unbundled, Vite handles them like our own imports.
    optimizeDeps: { exclude: ['@tldraw/assets'] },
    server: { proxy },
    preview: { proxy },
  }
})
