// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import node from '@astrojs/node';
import { curriculumValidation } from './src/curriculum/astro-integration.ts';

// Pages are static by default (lessons ship no client JavaScript); API routes and live pages opt
// into on-demand rendering with `export const prerender = false` and run in the Node server.
export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  // The validator runs first so a broken lesson stops the build with a message naming the file.
  integrations: [curriculumValidation(), mdx(), react()],
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  // Both themes are rendered as CSS variables; src/styles/site.css switches on prefers-color-scheme.
  markdown: { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } } },
  vite: {
    build: {
      rollupOptions: {
        // Astro marks MDX modules with a "use astro:head-inject" directive that the bundler warns it
        // may drop; the warning is about Astro's own internals and says nothing about our code.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
