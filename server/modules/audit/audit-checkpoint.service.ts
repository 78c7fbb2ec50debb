import { CHECKPOINT_FORMAT, type AuditCheckpoint, type MissingHead } from '../../../common/api/audit';
import type { Executor } from '../../db/database';
import { now } from '../../db/ids';
import { AppError, notFound } from '../../errors/app-error';
import { findOrganisation } from '../organisations/organisation.repository';
import { digestCanonicalJson } from './audit-hash';
import * as auditRepository from './audit.repository';
import { verifyAuditChains, type VerificationResult } from './audit.service';

// A chain proves that nothing was changed or removed *between* two events it holds; it cannot
// testify about events that are no longer there at all (the last ones of a stream, a whole stream,
// or a stream rewritten from its genesis). A checkpoint, kept outside the database, can.

export type CheckpointFindings = { takenAt: string; streamsChecked: number; missing: MissingHead[] };

export type CheckpointVerificationResult = VerificationResult & { checkpoint: CheckpointFindings | null };

/** Code-unit order, the same on every engine and in every locale (a database collation is not). */
function byStream(a: { stream: string }, b: { stream: string }): number {
  return a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0;
}

function digestOf(checkpoint: Omit<AuditCheckpoint, 'digest'>): string {
  return digestCanonicalJson(checkpoint);
}

/** The head of every chain of the organisation now, signed with a digest of itself. */
export async function takeAuditCheckpoint(db: Executor, orgId: string): Promise<AuditCheckpoint> {
  const organisation = await findOrganisation(db, orgId);
  if (!organisation) throw notFound('The organisation');
  const takenAt = now();
  const heads = await auditRepository.listStreamHeads(db, orgId);
  const body = {
    format: CHECKPOINT_FORMAT,
    organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name },
    takenAt,
    streams: heads.map(({ stream, seq, hash }) => ({ stream, seq, hash })).sort(byStream),
    eventCount: heads.reduce((total, head) => total + head.events, 0),
  } satisfies Omit<AuditCheckpoint, 'digest'>;
  return { ...body, digest: digestOf(body) };
}

/** A well-formed checkpoint that cannot be used (422), naming the field at fault. */
function refuseCheckpoint(code: 'checkpoint_altered' | 'checkpoint_other_organisation', field: string, message: string, detail: string): AppError {
  return new AppError(code, detail, { errors: [{ field: `body.checkpoint.${field}`, message }] });
}

/** Refuses a checkpoint whose digest does not match its contents, or that is another organisation's. */
export function assertCheckpointOf(checkpoint: AuditCheckpoint, orgId: string): void {
  const { digest, ...body } = checkpoint;
  if (digestOf(body) !== digest) {
    throw refuseCheckpoint(
      'checkpoint_altered',
      'digest',
      'does not match the checkpoint’s contents: the file was altered',
      'The checkpoint was altered after it was taken (its digest does not match its contents), so it proves nothing.',
    );
  }
  if (checkpoint.organisation.id !== orgId) {
    throw refuseCheckpoint(
      'checkpoint_other_organisation',
      'organisation.id',
      'is another organisation',
      `This checkpoint is of another organisation (${checkpoint.organisation.slug}); verify it against that organisation.`,
    );
  }
}

/** The heads the checkpoint saw that the database no longer holds with the same hash, in stream order. */
export async function findMissingHeads(db: Executor, orgId: string, seen: AuditCheckpoint['streams'], options: { stream?: string } = {}): Promise<MissingHead[]> {
  const heads = new Map((await auditRepository.listStreamHeads(db, orgId, options)).map((head) => [head.stream, head]));
  const missing: MissingHead[] = [];
  const rewritten = (stream: string, seq: number, headSeq: number): MissingHead => ({
    stream,
    seq,
    headSeq,
    kind: 'rewritten',
    reason: `event #${seq} now has another hash: the stream was rewritten`,
  });
  const removed = (stream: string, seq: number, headSeq: number, reason: string): MissingHead => ({ stream, seq, headSeq, kind: 'events_removed', reason });
  const laterHeads: AuditCheckpoint['streams'] = [];

  for (const expected of seen) {
    const head = heads.get(expected.stream);
    if (!head) {
      missing.push({ stream: expected.stream, seq: expected.seq, headSeq: null, kind: 'stream_gone', reason: `the stream is gone; the checkpoint saw #${expected.seq}` });
    } else if (head.seq < expected.seq) {
      missing.push(removed(expected.stream, expected.seq, head.seq, `the stream ends at #${head.seq}; the checkpoint saw #${expected.seq}: events were removed`));
    } else if (head.seq === expected.seq) {
      if (head.hash !== expected.hash) missing.push(rewritten(expected.stream, expected.seq, head.seq));
    } else {
      // Events appended since are fine (the chain links them); the one the checkpoint saw must still be there.
      laterHeads.push(expected);
    }
  }

  const hashes = await auditRepository.findEventHashes(db, orgId, laterHeads);
  for (const expected of laterHeads) {
    const headSeq = heads.get(expected.stream)!.seq;
    const hash = hashes.get(auditRepository.positionKey(expected));
    if (hash === undefined) {
      missing.push(removed(expected.stream, expected.seq, headSeq, `event #${expected.seq} is no longer in the stream (which ends at #${headSeq}): events were removed`));
    } else if (hash !== expected.hash) {
      missing.push(rewritten(expected.stream, expected.seq, headSeq));
    }
  }
  return missing.sort(byStream);
}

/**
 * Checks that the database still holds every head the checkpoint saw, then walks the chains as
 * `verifyAuditChains` does. With `stream`, only that stream is compared and walked.
 */
export async function verifyAgainstCheckpoint(
  db: Executor,
  orgId: string,
  checkpoint: AuditCheckpoint,
  options: { stream?: string } = {},
): Promise<CheckpointVerificationResult> {
  assertCheckpointOf(checkpoint, orgId);
  const seen = options.stream ? checkpoint.streams.filter((head) => head.stream === options.stream) : checkpoint.streams;
  const missing = await findMissingHeads(db, orgId, seen, options);
  const chains = await verifyAuditChains(db, orgId, options);
  return {
    ...chains,
    ok: chains.ok && missing.length === 0,
    checkpoint: { takenAt: checkpoint.takenAt, streamsChecked: seen.length, missing },
  };
}
