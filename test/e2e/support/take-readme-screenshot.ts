/**
 * `npm run screenshots`: rebuilds nothing, starts the built site on a free port and saves the
 * README screenshot to docs/images/home.png (the home page at 1280×860, light theme). Run
 * `npm run build` first when the site changed. Requires Debian's Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasChromium, launchChromium, noChromiumMessage, projectRoot, startBuiltSite } from './built-site.ts';

if (!hasChromium) {
  console.error(noChromiumMessage);
  process.exit(1);
}
const output = join(projectRoot, 'docs/images/home.png');
mkdirSync(join(projectRoot, 'docs/images'), { recursive: true });
const site = await startBuiltSite();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light', deviceScaleFactor: 1 });
  await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
  await page.screenshot({ path: output });
  console.log(`saved ${output}`);
} finally {
  await browser.close();
  await site.stop();
}
