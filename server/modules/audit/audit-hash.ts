import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The previous hash of the first event in every stream. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainedFields = {
  orgId: string;
  stream: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  type: string;
  payloadDigest: string;
  prevHash: string;
};

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Canonical JSON (RFC 8785), so the same payload always hashes the same on every engine. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be represented as canonical JSON');
  return text;
}

export function digestPayload(canonicalPayload: string): string {
  return sha256(canonicalPayload);
}

/** SHA-256 (hex) of a value's canonical JSON: the same value digests the same wherever it is computed. */
export function digestCanonicalJson(value: unknown): string {
  return sha256(canonicalJson(value));
}

/** The event's own hash covers every chained field, including the digest (not the payload). */
export function hashEvent(fields: ChainedFields): string {
  return digestCanonicalJson(fields);
}
