/** GetRandomPassword: a password from the character classes asked for, each present when required. */
import type * as SM from '@aws-sdk/client-secrets-manager';
import { randomInt } from 'node:crypto';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { smError } from './common.ts';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export function getRandomPassword(input: SM.GetRandomPasswordRequest, _ctx: RequestContext): Output<SM.GetRandomPasswordResponse> {
  new ProblemList().range('passwordLength', input.PasswordLength, 1, 4096).maxLength('excludeCharacters', input.ExcludeCharacters, 4096).check();
  const length = input.PasswordLength ?? 32;
  const excluded = new Set(input.ExcludeCharacters ?? '');
  const keep = (chars: string) => [...chars].filter((c) => !excluded.has(c)).join('');
  const classes = [
    input.ExcludeLowercase ? '' : keep(LOWER),
    input.ExcludeUppercase ? '' : keep(UPPER),
    input.ExcludeNumbers ? '' : keep(DIGITS),
    input.ExcludePunctuation ? '' : keep(PUNCTUATION),
    input.IncludeSpace ? keep(' ') : '',
  ].filter(Boolean);
  if (classes.length === 0) throw smError('InvalidParameterException', 'Every character class is excluded; the password would have no characters to use.');
  const requireEach = input.RequireEachIncludedType ?? true;
  if (requireEach && length < classes.length) throw smError('InvalidParameterException', 'Password length is too short based on the required types.');
  const all = classes.join('');
  const chars = requireEach ? classes.map((c) => c[randomInt(c.length)]!) : [];
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return { RandomPassword: chars.join('') };
}
