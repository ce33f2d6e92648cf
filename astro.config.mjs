// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import node from '@astrojs/node';

// Pages are static by default (lessons ship no client JavaScript); API routes and live pages opt
// into on-demand rendering with `export const prerender = false` and run in the Node server.
export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), react()],
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
});
