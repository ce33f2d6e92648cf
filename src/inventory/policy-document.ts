/**
 * Policy documents as AWS returns them: plain JSON (S3, KMS, Secrets Manager) or URL-encoded JSON
 * (IAM's GetRolePolicy, GetPolicyVersion and role trust policies; the SDK leaves them encoded).
 * One parser for the IAM collector and the lab kit, so both read a document the same way.
 */
import type { PolicyDocument } from './types.ts';

/** The document, or undefined when neither the text nor its URL-decoded form is valid JSON. */
export function parsePolicyDocument(text: string): PolicyDocument | undefined {
  for (const candidate of [text, safeDecode(text)]) {
    try {
      return JSON.parse(candidate) as PolicyDocument;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
