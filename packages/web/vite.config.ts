import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The built files are served by the genchi server at `/`; `npm run dev` proxies the API to a running genchi.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 400 },
  server: { proxy: { '/v1': 'http://127.0.0.1:4680', '/healthz': 'http://127.0.0.1:4680' } },
});
