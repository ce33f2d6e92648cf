// Types for importing .astro components from .ts files (the lesson barrel does). Astro's editor
// tooling provides them inside .astro files; plain `tsc` needs this declaration.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
  const Component: AstroComponentFactory;
  export default Component;
}
