import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from './config.ts';

describe('emulator options from the environment', () => {
  it('defaults to state under .mlsec/emulator in the working directory', () => {
    expect(optionsFromEnv({}, '/work/app')).toMatchObject({ port: undefined, dataDir: join('/work/app', '.mlsec', 'emulator'), verifySignatures: false });
  });

  it('reads the port, host, data directory, strict mode and admin token', () => {
    const options = optionsFromEnv({ MLSEC_EMULATOR_PORT: '4570', MLSEC_EMULATOR_HOST: '0.0.0.0', MLSEC_DATA_DIR: 'state', MLSEC_EMULATOR_VERIFY_SIGNATURES: '1', MLSEC_EMULATOR_ADMIN_TOKEN: 't' }, '/w');
    expect(options).toMatchObject({ port: 4570, host: '0.0.0.0', dataDir: resolve('/w/state/emulator'), verifySignatures: true, adminToken: 't' });
  });

  it("accepts LocalStack's GATEWAY_LISTEN and ignores an empty port", () => {
    expect(optionsFromEnv({ GATEWAY_LISTEN: '127.0.0.1:4580' })).toMatchObject({ host: '127.0.0.1', port: 4580 });
    expect(optionsFromEnv({ MLSEC_EMULATOR_PORT: '' }).port).toBeUndefined();
  });

  it('refuses a port that is not one, saying which variable', () => {
    expect(() => optionsFromEnv({ MLSEC_EMULATOR_PORT: 'abc' })).toThrow(/MLSEC_EMULATOR_PORT="abc" is not a port number/);
    expect(() => optionsFromEnv({ MLSEC_EMULATOR_PORT: '70000' })).toThrow(/not a port number/);
  });
});
