import { goodContent } from '../../common/procedure/test-fixtures';
import type { Db } from '../db/database';
import type { App } from '../http/types';
import { asSession, buildOrganisation, buildPerson, signInAs } from './factories';

type Requester = ReturnType<typeof asSession>;

/**
 * The people a library test takes an SOP to publication with, signed in, in a fresh organisation:
 * an author and an approver (Quality managers), a reviewer (Supervisor) and an agent who reads.
 */
export async function buildLibraryCast(context: { app: App; db: Db }) {
  const { orgId } = await buildOrganisation(context.db);
  const signedIn = async (person: { email: string; password: string }) => asSession(context.app, await signInAs(context.app, person));
  const approverPerson = await buildPerson(context.db, orgId, 'Quality manager');
  const reviewerPerson = await buildPerson(context.db, orgId, 'Supervisor');
  return {
    orgId,
    approverPassword: approverPerson.password,
    reviewerId: reviewerPerson.id,
    author: await signedIn(await buildPerson(context.db, orgId, 'Quality manager')),
    approver: await signedIn(approverPerson),
    reviewer: await signedIn(reviewerPerson),
    agent: await signedIn(await buildPerson(context.db, orgId, 'Agent')),
  };
}

/** A complete, well-written SOP body that passes the style checks (shared with the rules' tests). */
export { goodContent };

/** Creates an SOP through the API and returns its id and first version. */
export async function createSopViaApi(request: Requester, overrides: Record<string, unknown> = {}) {
  const response = await request({
    method: 'POST',
    url: '/api/v1/sops',
    payload: { key: `CS-REF-${String(Math.floor(Math.random() * 90000) + 10000)}`, title: 'Refund a purchase', category: 'Refunds', channels: ['phone', 'in-person'], audience: ['Agent'], ...overrides },
  });
  if (response.statusCode !== 201) throw new Error(`create SOP failed: ${response.statusCode} ${response.body}`);
  const sop = response.json();
  return { sopId: sop.id as string, versionId: sop.draft.id as string, key: sop.key as string };
}

/** Takes a draft through save, review and approval to publication. */
export async function publishViaApi(author: Requester, approver: Requester, approverPassword: string, sopId: string, versionId: string, reviewerId: string, reviewer: Requester, content = goodContent()) {
  const base = `/api/v1/sops/${sopId}/versions/${versionId}`;
  const current = (await author({ method: 'GET', url: base })).json();
  const saved = await author({ method: 'PUT', url: `${base}/content`, payload: { revision: current.revision, content } });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  const submitted = await author({ method: 'POST', url: `${base}/submit`, payload: { reviewerIds: [reviewerId] } });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  await reviewer({ method: 'POST', url: `${base}/review-complete`, payload: {} });
  const approved = await approver({ method: 'POST', url: `${base}/approve`, payload: { password: approverPassword } });
  if (approved.json().status !== 'approved') throw new Error(`approve failed: ${approved.body}`);
  const published = await approver({ method: 'POST', url: `${base}/publish`, payload: {} });
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
  return published.json();
}
