import { streamOf } from '../../../common/audit-events';
import type { Db } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors/app-error';
import { appendAuditEvent } from '../audit/audit.service';
import { assertPasswordAcceptable, hashPassword } from '../auth/password';
import { findRoleByName } from '../roles/role.repository';
import * as personRepository from './person.repository';

/**
 * Adds a person with a password, from the command line or the demo loader: there is no signed-in
 * actor, so the audit events name none (the CLI's operator has shell access to the server).
 */
export async function addPersonWithPassword(
  db: Db,
  input: { orgId: string; name: string; email: string; roleName: string; password: string },
): Promise<{ id: string }> {
  assertPasswordAcceptable(input.password, 'password', [input.name, input.email]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const role = await findRoleByName(trx, input.orgId, input.roleName);
    if (!role) throw new AppError('validation_failed', `role: there is no role called "${input.roleName}".`);
    if (await personRepository.findPersonByEmail(trx, input.email)) {
      throw new AppError('email_taken', `${input.email} is already used by another person.`);
    }
    const at = now();
    const person = {
      id: newId(),
      org_id: input.orgId,
      name: input.name,
      email: input.email,
      status: 'active' as const,
      start_date: at.slice(0, 10),
      manager_id: null,
      password_hash: passwordHash,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await personRepository.insertPerson(trx, person);
    await personRepository.replaceRolesOfPerson(trx, input.orgId, person.id, [role.id]);
    await appendAuditEvent(trx, {
      orgId: input.orgId,
      actorId: null,
      stream: streamOf('person', person.id),
      event: {
        type: 'person.created',
        payload: { name: person.name, email: person.email, roleIds: [role.id], startDate: person.start_date, managerId: null },
      },
    });
    await appendAuditEvent(trx, {
      orgId: input.orgId,
      actorId: null,
      stream: streamOf('person', person.id),
      event: { type: 'person.password-changed', payload: { via: 'cli' } },
    });
    return { id: person.id };
  });
}
