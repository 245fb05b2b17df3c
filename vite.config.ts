// One build, two faces: the console at / and the phone pages at /h5/.
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('./src/web', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // The server's browser-safe code (zod schemas, labels, contract primitives): one import path.
  resolve: { alias: { '@server': fileURLToPath(new URL('./src/server', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        console: `${root}/index.html`,
        h5: `${root}/h5/index.html`,
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
})
