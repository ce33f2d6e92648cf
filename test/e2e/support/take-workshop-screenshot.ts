/**
 * Part of `npm run screenshots`: saves docs/images/workshop-dashboard.png, the live dashboard of a
 * small workshop (six learners; some started a lab, one checked it) on the built site with a
 * private emulator, at 1280×900 in the light theme. Run `npm run build` first when the site changed.
 * Requires Debian's Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserClient } from '../../bench/workshop-load/http-client.ts';
import { hasChromium, launchChromium, noChromiumMessage, projectRoot } from './built-site.ts';
import { startLabSite } from './lab-site.ts';

if (!hasChromium) {
  console.error(noChromiumMessage);
  process.exit(1);
}
const output = join(projectRoot, 'docs/images/workshop-dashboard.png');
mkdirSync(join(projectRoot, 'docs/images'), { recursive: true });
const site = await startLabSite();
if (!site) {
  console.error('Neither the embedded emulator nor moto_server is available: no workshop screenshot.');
  process.exit(1);
}
const instructor = { email: 'instructor@example.com', password: 'screenshot password 1234', name: 'Sam Instructor' };
const browser = await launchChromium();
try {
  const created = spawnSync(process.execPath, ['src/cli/instructor.ts', 'create', '--email', instructor.email, '--name', instructor.name, '--password-stdin'], {
    cwd: projectRoot,
    input: `${instructor.password}\n`,
    env: { ...process.env, MLSEC_DATA_DIR: site.dataDir },
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`npm run instructor -- create failed: ${created.stderr || created.stdout}`);
  const teacher = new BrowserClient(site.url, 'instructor');
  const login = await teacher.call<{ csrfToken: string }>('POST', '/api/instructor/login', { email: instructor.email, password: instructor.password });
  teacher.csrfToken = login.body.csrfToken;
  const now = Date.now();
  const { body } = await teacher.call<{ workshop: { id: string; joinCode: string } }>('POST', '/api/workshops', {
    title: 'Securing ML on AWS — Tuesday cohort',
    labIds: ['exposed-training-data-bucket', 'kms-key-hygiene'],
    startsAt: new Date(now - 30 * 60_000).toISOString(),
    endsAt: new Date(now + 90 * 60_000).toISOString(),
    maxLearners: 30,
    leaderboard: true,
  });
  const names = ['Amara Okafor', 'Bruno Costa', 'Chen Wei', 'Dana Levi', 'Emil Novak', 'Fatima Rahman'];
  const learners = names.map((n) => new BrowserClient(site.url, n));
  for (const learner of learners) {
    const joined = await learner.call<{ csrfToken: string }>('POST', '/api/workshops/join', { code: body.workshop.joinCode, displayName: learner.name });
    learner.csrfToken = joined.body.csrfToken;
  }
  // Some progress to show: three learners start the first lab, two of them check it.
  for (const [i, learner] of learners.slice(0, 3).entries()) {
    const started = await learner.call<{ view: { session: { id: string } } }>('POST', '/api/labs/exposed-training-data-bucket/session', {});
    if (i < 2) await learner.call('POST', `/api/lab-sessions/${started.body.view.session.id}/actions`, { action: 'check' });
    if (i === 1) await learner.call('POST', `/api/lab-sessions/${started.body.view.session.id}/actions`, { action: 'hint' });
  }
  await teacher.call('POST', `/api/workshops/${body.workshop.id}/broadcast`, { message: 'Welcome! Start with the training-data bucket lab.' });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', deviceScaleFactor: 1 });
  const [name, value] = teacher.cookieHeader.split('; ').find((c) => c.startsWith('mlsec_instructor='))!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: site.url }]);
  const page = await context.newPage();
  await page.goto(`${site.url}/workshops/${body.workshop.id}`);
  await page.locator('[data-testid=connection][data-connection=live]').waitFor();
  await page.getByTestId('learner-grid').waitFor();
  await page.screenshot({ path: output });
  console.log(`saved ${output}`);
} finally {
  await browser.close();
  await site.stop();
}
