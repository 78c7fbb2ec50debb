import { streamOf } from '../../../common/audit-events';
import type { ApiToken, CreatedApiToken } from '../../../common/api/auth';
import type { Db } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { notFound } from '../../errors/app-error';
import type { Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { API_TOKEN_PREFIX } from '../auth/auth.service';
import { hashSecret, newSecret } from '../auth/tokens';
import * as apiTokenRepository from './api-token.repository';

function present(row: { id: string; name: string; prefix: string; created_at: string; expires_at: string | null; last_used_at: string | null }): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  const rows = await apiTokenRepository.listLiveApiTokensOfPerson(db, actor.orgId, actor.personId);
  return rows.map(present);
}

/** Creates a personal API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(db: Db, actor: Actor, input: { name: string; expiresInDays: number | null }): Promise<CreatedApiToken> {
  const token = newSecret(API_TOKEN_PREFIX);
  const createdAt = now();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString() : null;
  const row = {
    id: newId(),
    org_id: actor.orgId,
    person_id: actor.personId,
    name: input.name,
    token_hash: hashSecret(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    created_at: createdAt,
    expires_at: expiresAt,
    last_used_at: null,
    revoked_at: null,
  };
  await inTransaction(db, async (trx) => {
    await apiTokenRepository.insertApiToken(trx, row);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', actor.personId),
      event: { type: 'api-token.created', payload: { tokenId: row.id, name: row.name, expiresAt } },
    });
  });
  return { ...present(row), token };
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const token = await apiTokenRepository.findApiTokenOfPerson(trx, actor.orgId, actor.personId, tokenId);
    if (!token || token.revoked_at) throw notFound('The API token');
    await apiTokenRepository.revokeApiToken(trx, actor.orgId, tokenId, now());
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', actor.personId),
      event: { type: 'api-token.revoked', payload: { tokenId, name: token.name } },
    });
  });
}
