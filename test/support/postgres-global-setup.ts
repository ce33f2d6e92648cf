/**
 * Vitest global setup: names the directory where the test run's shared PostgreSQL server will live
 * (started lazily by the first test file that needs it, see postgres-cluster.ts), and stops that
 * server when the run ends. Runs that never touch PostgreSQL start nothing.
 */
import { clusterDirVariable, newClusterDir, stopSharedCluster } from './postgres-cluster.ts';

export default function setup(): () => void {
  if (process.env.MLSEC_TEST_DATABASE_URL) return () => {};
  const dir = newClusterDir();
  // Test workers inherit the environment of the process that runs the global setup.
  process.env[clusterDirVariable] = dir;
  return () => stopSharedCluster(dir);
}
