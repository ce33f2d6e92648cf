/**
 * Spotting credentials written into configuration: environment variables, hyperparameters and
 * scripts. Findings name where a secret was seen, never the secret itself.
 */

/** Names that announce a credential. */
const secretName = /(pass(word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|conn(ection)?[_-]?str(ing)?)/i;
/** Values that are references to a secret, not the secret: ARNs, parameter names, shell substitutions, Secrets Manager names. */
const reference = /^(arn:aws[a-z-]*:(secretsmanager|ssm|kms):|\$|\{\{resolve:|\/|secretsmanager:)/i;
/** Names that point at a secret rather than hold one: DB_SECRET_ID, TOKEN_ARN, SECRET_NAME … */
const referenceName = /[_-](id|arn|name|path|file|url_secret)$/i;
const namesSecret = (name: string) => secretName.test(name) && !referenceName.test(name);

/** Values that are credentials whatever their name. */
const secretValue = [
  { re: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { re: /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, what: 'a URL with a user name and password' },
  { re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
];

export interface SecretSighting {
  /** Where: `Environment.DB_PASSWORD`, `OnStart[0] line 4`. */
  where: string;
  /** Why it looks like a secret, without the value. */
  why: string;
}

function redacted(value: string): string {
  return `value redacted, ${value.length} characters`;
}

/** Plaintext credentials among key/value settings (environment variables, hyperparameters). */
export function secretsInMap(map: Record<string, string>, label: string): SecretSighting[] {
  const out: SecretSighting[] = [];
  for (const [key, raw] of Object.entries(map)) {
    const value = String(raw ?? '').trim();
    if (!value) continue;
    const pattern = secretValue.find((p) => p.re.test(value));
    if (pattern) out.push({ where: `${label}.${key}`, why: `holds ${pattern.what} (${redacted(value)})` });
    else if (namesSecret(key) && !reference.test(value)) out.push({ where: `${label}.${key}`, why: `its name says it is a credential and its value is not a reference to a secret store (${redacted(value)})` });
  }
  return out;
}

/** Plaintext credentials assigned in shell scripts (`export DB_PASSWORD=...`, `--password xyz`, URLs with passwords). */
export function secretsInScript(script: string, label: string): SecretSighting[] {
  const out: SecretSighting[] = [];
  script.split('\n').forEach((line, i) => {
    const where = `${label} line ${i + 1}`;
    if (/^\s*#/.test(line)) return;
    const pattern = secretValue.find((p) => p.re.test(line));
    if (pattern) {
      out.push({ where, why: `holds ${pattern.what}` });
      return;
    }
    const assignment = /(?:^|\s|export\s+)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(["']?)([^"'\s]+)\2/.exec(line);
    if (assignment && namesSecret(assignment[1]!) && !reference.test(assignment[3]!)) {
      out.push({ where, why: `assigns ${assignment[1]} a literal value (${redacted(assignment[3]!)})` });
      return;
    }
    const flag = /(?:^|\s)--?([A-Za-z-]*(?:password|passwd|token|secret)[A-Za-z-]*)[=\s]+(["']?)([^-"'\s][^"'\s]*)\2/i.exec(line);
    // --secret-id, --secret-arn, --token-name … name a secret; they do not hold one.
    if (flag && !/-(id|arn|name)$/i.test(flag[1]!) && !reference.test(flag[3]!)) out.push({ where, why: `passes ${flag[1]} a literal value (${redacted(flag[3]!)})` });
  });
  return out;
}
