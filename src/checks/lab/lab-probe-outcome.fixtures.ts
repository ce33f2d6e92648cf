import type { Inventory, ProbeOutcome } from '../../inventory/types.ts';
import { failed, ok, secureInventory, type CheckFixtures } from '../fixtures/base.ts';

const denied = (): ProbeOutcome => ({ description: 'CreateTrainingJob without a VPC as the analyst', outcome: 'denied', errorCode: 'AccessDeniedException', message: 'explicit deny in a service control policy' });
const setProbe = (o: ProbeOutcome) => (inv: Inventory) => void (inv.lab!.probes.noVpcTraining = ok(o));

const compliant = (): ProbeOutcome => ({ description: 'CreateTrainingJob in the team VPC as the analyst', outcome: 'allowed' });

export const fixtures: CheckFixtures<{ probe: string; expect: 'allowed' | 'denied'; stillAllowed?: string[] }> = {
  params: { probe: 'noVpcTraining', expect: 'denied', stillAllowed: ['compliantTraining'] },
  pass: () => ({ ...secureInventory(), lab: { answers: [], probes: { noVpcTraining: ok(denied()), compliantTraining: ok(compliant()) } } }),
  fail: setProbe({ ...denied(), outcome: 'allowed', errorCode: undefined, message: undefined }),
  fields: {
    'lab.probes': [
      { description: 'the forbidden call succeeded', expect: 'fail', mutate: setProbe({ ...denied(), outcome: 'allowed' }) },
      { description: 'the call failed for another reason', expect: 'unknown', mutate: setProbe({ ...denied(), outcome: 'error', errorCode: 'ECONNREFUSED' }) },
      { description: 'the probe could not run', expect: 'unknown', mutate: (inv) => void (inv.lab!.probes.noVpcTraining = failed('ECONNREFUSED', 'probe')) },
      { description: 'the probe did not run at all', expect: 'none', mutate: (inv) => void delete inv.lab!.probes.noVpcTraining },
      { description: 'legitimate work is denied too', expect: 'fail', mutate: (inv) => void (inv.lab!.probes.compliantTraining = ok({ ...compliant(), outcome: 'denied', errorCode: 'AccessDeniedException', message: 'explicit deny in a service control policy' })) },
      { description: 'the legitimate-work probe failed for another reason', expect: 'unknown', mutate: (inv) => void (inv.lab!.probes.compliantTraining = ok({ ...compliant(), outcome: 'error', errorCode: 'ValidationException' })) },
      { description: 'the legitimate-work probe could not run', expect: 'unknown', mutate: (inv) => void (inv.lab!.probes.compliantTraining = failed('ECONNREFUSED', 'probe')) },
    ],
  },
};
