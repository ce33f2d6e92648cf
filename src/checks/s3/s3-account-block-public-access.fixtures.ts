import type { PublicAccessBlock } from '../../inventory/types.ts';
import { failed, ok, type CheckFixtures, type FieldCase } from '../fixtures/base.ts';
import { blockFlags } from '../lib/s3.ts';

function flagCases(flag: keyof PublicAccessBlock): FieldCase[] {
  return [{ description: `${flag} off`, expect: 'fail', mutate: (inv) => void ((inv.s3!.accountPublicAccessBlock as { value: PublicAccessBlock }).value[flag] = false) }];
}

export const fixtures: CheckFixtures = {
  fail: (inv) => void (inv.s3!.accountPublicAccessBlock = ok(null)),
  fields: {
    ...Object.fromEntries(blockFlags.map((flag) => [`s3.accountPublicAccessBlock.value.${flag}`, flagCases(flag)])),
    's3.accountPublicAccessBlock.value.BlockPublicAcls': [
      ...flagCases('BlockPublicAcls'),
      { description: 'no configuration at all', expect: 'fail', mutate: (inv) => void (inv.s3!.accountPublicAccessBlock = ok(null)) },
      { description: 'unreadable', expect: 'unknown', mutate: (inv) => void (inv.s3!.accountPublicAccessBlock = failed('AccessDenied', 'S3Control.GetPublicAccessBlock')) },
    ],
  },
};
