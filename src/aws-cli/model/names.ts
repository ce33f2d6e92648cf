/**
 * The AWS CLI's names for operations and parameters: botocore's `xform_name`, which turns
 * `ListObjectsV2` into `list-objects-v2` and `GetCallerIdentity` into `get-caller-identity`.
 * Ported rule for rule, so irregular names (`DescribeVpcEndpoints`, `PutMetricData`, `ListACLs`,
 * `CreateDBInstance`) come out exactly as the real CLI spells them.
 */

const firstCap = /(.)([A-Z][a-z]+)/g;
const endCap = /([a-z0-9])([A-Z])/g;
// A trailing plural acronym ("ARNs", "ACLs") stays one word: ListACLs → list-acls.
const specialCase = /[A-Z]{2,}s$/;
// botocore spells these words by hand (its _xform_cache): GetOTelEnrichment → get-otel-enrichment.
const handSpelled: [RegExp, string][] = [
  [/iSCSI/g, 'Iscsi'],
  [/HITs/g, 'Hits'],
  [/PartiQL/g, 'Partiql'],
  [/WhatsApp/g, 'Whatsapp'],
  [/OTel/g, 'Otel'],
];

const cache = new Map<string, string>();

/** `ListObjectsV2` → `list-objects-v2` (botocore's xform_name with `-`). */
export function cliName(name: string): string {
  if (name.includes('-')) return name;
  let cached = cache.get(name);
  if (cached === undefined) {
    let source = name;
    for (const [word, spelled] of handSpelled) source = source.replace(word, spelled);
    const special = specialCase.exec(source);
    if (special) source = `${source.slice(0, -special[0].length)}-${special[0].toLowerCase()}`;
    cached = source.replace(firstCap, '$1-$2').replace(endCap, '$1-$2').toLowerCase();
    cache.set(name, cached);
  }
  return cached;
}
