import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The client lives in client/ and imports core/ directly; the build lands in dist/client,
// which the server serves. `npm run dev` proxies the API and sockets to a server on :3000.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
})
