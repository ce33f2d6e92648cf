/** Which account owns an S3 bucket name (the namespace is global), seen from outside a request. */
import type { ServiceHost } from '../../service-host.ts';
import type { S3State } from '../../s3/state.ts';

export function bucketOwnerFor(host: ServiceHost, bucket: string, likelyAccount: string): string | undefined {
  if (host.peekStateOf<S3State>('s3', likelyAccount)?.buckets.has(bucket)) return likelyAccount;
  for (const account of host.accountIds()) {
    if (account !== likelyAccount && host.peekStateOf<S3State>('s3', account)?.buckets.has(bucket)) return account;
  }
  return undefined;
}
