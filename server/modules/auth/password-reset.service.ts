import { streamOf } from '../../../common/audit-events';
import type { PasswordResetStatus } from '../../../common/api/auth';
import type { PasswordResetLink } from '../../../common/api/people';
import type { Db, Trx } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors/app-error';
import { appendAuditEvent } from '../audit/audit.service';
import * as personRepository from '../people/person.repository';
import { assertPasswordAcceptable, hashPassword } from './password';
import * as resetRepository from './password-reset.repository';
import * as sessionRepository from './session.repository';
import { hashSecret, newSecret } from './tokens';

const LINK_LIFETIME_HOURS = 72;

/**
 * Issues a one-time link to set a password, inside the caller's transaction. The token travels in
 * the URL fragment, which browsers never send to the server, so it cannot end up in access logs.
 */
export async function issuePasswordResetLink(
  trx: Trx,
  input: { orgId: string; personId: string; actorId: string | null; baseUrl: string },
): Promise<PasswordResetLink> {
  const token = newSecret();
  const at = new Date();
  const expiresAt = new Date(at.getTime() + LINK_LIFETIME_HOURS * 3600_000).toISOString();
  const resetId = newId();
  await resetRepository.voidUnusedResetsOfPerson(trx, input.orgId, input.personId, at.toISOString());
  await resetRepository.insertPasswordReset(trx, {
    id: resetId,
    org_id: input.orgId,
    person_id: input.personId,
    token_hash: hashSecret(token),
    created_by: input.actorId,
    created_at: at.toISOString(),
    expires_at: expiresAt,
    used_at: null,
  });
  await appendAuditEvent(trx, {
    orgId: input.orgId,
    actorId: input.actorId,
    stream: streamOf('person', input.personId),
    event: { type: 'person.password-reset-issued', payload: { resetId, expiresAt } },
  });
  return { url: `${input.baseUrl.replace(/\/$/, '')}/reset-password#token=${token}`, expiresAt };
}

async function findUsableReset(db: Db, token: string) {
  const reset = await resetRepository.findPasswordResetByHash(db, hashSecret(token));
  if (!reset || reset.used_at || Date.parse(reset.expires_at) <= Date.now() || reset.status !== 'active') return null;
  return reset;
}

/** Whether a link still works, and whose it is (for the "Set your password" page). */
export async function describePasswordReset(db: Db, token: string): Promise<PasswordResetStatus> {
  const reset = await findUsableReset(db, token);
  return reset ? { valid: true, name: reset.name, expiresAt: reset.expires_at } : { valid: false, name: null, expiresAt: null };
}

/** Sets the password through a one-time link; every session of the person ends. */
export async function completePasswordReset(db: Db, input: { token: string; newPassword: string }): Promise<void> {
  const reset = await findUsableReset(db, input.token);
  if (!reset) throw new AppError('invalid_token', 'This link has expired or has already been used. Ask an administrator for a new one.');
  assertPasswordAcceptable(input.newPassword, 'body.newPassword', [reset.name, reset.email]);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    const at = now();
    if (!(await resetRepository.markPasswordResetUsed(trx, reset.id, at))) {
      throw new AppError('invalid_token', 'This link has already been used.');
    }
    await personRepository.updatePerson(trx, reset.org_id, reset.person_id, {
      password_hash: passwordHash,
      password_changed_at: at,
      updated_at: at,
    });
    await sessionRepository.revokeSessionsOfPerson(trx, reset.org_id, reset.person_id, at);
    await appendAuditEvent(trx, {
      orgId: reset.org_id,
      actorId: reset.person_id,
      stream: streamOf('person', reset.person_id),
      event: { type: 'person.password-changed', payload: { via: 'reset-link' } },
    });
  });
}
