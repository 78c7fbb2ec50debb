import path from 'node:path';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import postcssSimpleVars from 'postcss-simple-vars';
import { defineConfig } from 'vite';

// The single-page app: built into web/dist and served by the API server (`npm start`), or served
// with hot reload on :5173 by `npm run dev`, proxying /api to the server on :3000.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  plugins: [react()],
  css: {
    postcss: {
      plugins: [
        postcssPresetMantine(),
        postcssSimpleVars({
          variables: { 'mantine-breakpoint-xs': '36em', 'mantine-breakpoint-sm': '48em', 'mantine-breakpoint-md': '62em', 'mantine-breakpoint-lg': '75em', 'mantine-breakpoint-xl': '88em' },
        }),
      ],
    },
  },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    // The vendor chunk below is about 850 kB (260 kB compressed) by design; warn past that.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // Pages load on demand (see the routes files). What every page is made of (React, Mantine,
        // the router and query client, zod, the shared components and API client) goes in two
        // chunks fetched with the app, rather than in dozens of slivers split by which pages share
        // them; libraries only one page needs (Markdown, diff, drag and drop) stay with that page.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/](@mantine|@tabler|@tanstack|@floating-ui|react|react-dom|scheduler|zod|mantine-form-zod-resolver)[\\/]/, priority: 2 },
            { name: 'shared', test: /[\\/](web[\\/]src[\\/](components|api)|common)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000', '/readyz': 'http://127.0.0.1:3000' },
  },
});
