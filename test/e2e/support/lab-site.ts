/**
 * The built site with a lab target of its own: a private embedded emulator on an ephemeral port
 * (moto_server when this checkout has no emulator) and a temporary data directory for the SQLite
 * database — never the learner's `.mlsec/`, never port 4566. `restart()` stops and starts the site
 * on the same database and emulator, as a server restart would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsTarget, type AwsTarget } from '../../support/aws-target.ts';
import { startBuiltSite, type RunningSite } from './built-site.ts';

export interface LabSite {
  url: string;
  target: AwsTarget;
  dataDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Undefined when neither the emulator nor moto_server is available (callers skip with a message). */
export async function startLabSite(): Promise<LabSite | undefined> {
  const target = await startAwsTarget();
  if (!target) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-console-'));
  const env = {
    MLSEC_DATA_DIR: dataDir,
    MLSEC_TARGET: target.kind === 'embedded emulator' ? 'embedded' : 'endpoint',
    MLSEC_ENDPOINT: target.url,
    MLSEC_EMBEDDED: 'attach',
    MLSEC_REGION: 'us-east-1',
  };
  let site: RunningSite = await startBuiltSite({ env });
  const labSite: LabSite = {
    get url() {
      return site.url;
    },
    target,
    dataDir,
    async restart() {
      await site.stop();
      site = await startBuiltSite({ env });
    },
    async stop() {
      await site.stop();
      await target.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return labSite;
}
