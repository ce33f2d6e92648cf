/**
 * The console runtime of the built site, over the labs bundled into it (`getSiteLabs`), and the
 * per-request learner. Only pages and API routes import this file.
 */
import type { AstroCookies } from 'astro';
import { getSiteLabs } from '../components/site/labs.ts';
import { consoleRuntime, type ConsoleRuntime } from './runtime.ts';
import { consoleReader, consoleRequest, type ConsoleRequest } from './sessions.ts';

export function siteRuntime(): Promise<ConsoleRuntime> {
  return consoleRuntime(getSiteLabs);
}

export async function siteRequest(context: { cookies: AstroCookies; url: URL }): Promise<ConsoleRequest> {
  return consoleRequest(await siteRuntime(), context.cookies, context.url);
}

/** The learner of a read-only request, if the browser already is one (creates nothing). */
export async function siteReader(context: { cookies: AstroCookies }): Promise<ConsoleRequest | undefined> {
  return consoleReader(await siteRuntime(), context.cookies);
}
