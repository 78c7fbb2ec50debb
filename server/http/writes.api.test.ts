import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInOrganisation } from '../test/factories';
import { countRows, createTestContext, documentedRoutes, TEST_DIALECTS, type TestContext } from '../test/harness';
import { createSopViaApi } from '../test/sop-factories';

const NO_SUCH_ID = '0193a4f2-0000-7000-8000-000000000000';
// They end the caller's session, which the other requests need; sign-in tests cover them.
const ENDS_THE_SESSION = new Set(['POST /api/v1/auth/sign-out', 'POST /api/v1/auth/sign-out-everywhere']);

type Record_ = { id?: string; version: number } & Record<string, unknown>;

// Sweeps over the API's writes, read from the OpenAPI document, as an administrator.
describe.each(TEST_DIALECTS)('writes, on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  // Every write takes a strict body: a field it does not know is refused with a validation
  // problem that names it, before anything is written.
  describe('refuse unknown fields', () => {
    it('answers each with 400 naming the field (404 for a write without a body and an unknown id), writing nothing', async () => {
      const writes = (await documentedRoutes(context.app)).filter(({ method, route }) => ['POST', 'PUT', 'PATCH'].includes(method) && !ENDS_THE_SESSION.has(route));
      expect(writes.length).toBeGreaterThan(25);

      const rows = await countRows(context.db);
      const answers: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const { method, path, route, hasBody } of writes) {
        const response = await org.asAdmin({ method: method as 'POST', url: path.replace(/\{[^}]+\}/g, NO_SUCH_ID), payload: { surpriseField: 1 } });
        const problem = response.json() as { code?: string; errors?: Array<{ field: string; message: string }> };
        const named = problem.errors?.find((error) => error.field === 'body.surpriseField');
        answers[route] = `${response.statusCode} ${response.headers['content-type']} ${problem.code}${named ? ' names body.surpriseField' : ''}`;
        // A write without a body has nothing to refuse: its id, which does not exist, is.
        expected[route] = hasBody ? '400 application/problem+json; charset=utf-8 validation_failed names body.surpriseField' : '404 application/problem+json; charset=utf-8 not_found';
      }
      expect(answers).toEqual(expected);
      expect(await countRows(context.db)).toEqual(rows);
    });
  });

  // Every PATCH takes the version and only the fields to change. A field left out must stay as it
  // is: a schema default on an optional field once turned "not sent" into "empty" (an SOP's
  // channels and audience). For each editable record: a PATCH of the version alone changes no field
  // and records no event; a PATCH of one field changes that field only; a PATCH on an old version is
  // refused with the record as saved.
  describe('PATCH changes only what it is sent', () => {
    const read = async (url: string, pick?: (body: never) => Record_) => {
      const response = await org.asAdmin({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      return pick ? pick(response.json() as never) : (response.json() as Record_);
    };
    // What a PATCH may change by itself: its version, and when it happened.
    const fields = ({ version: _version, updatedAt: _updatedAt, can: _can, ...rest }: Record_) => rest;

    type Case = {
      name: string;
      /** The documented route it exercises. */
      route: string;
      /** Creates the record and returns the URL to PATCH and how to read it back. */
      make: () => Promise<{ patchUrl: string; readBack: () => Promise<Record_> }>;
      /** One field to change, and the value it should then read back as. */
      change: Record<string, unknown>;
    };

    const cases: Case[] = [
      {
        name: 'a person',
        route: '/api/v1/people/{id}',
        make: async () => {
          const roles = (await read('/api/v1/roles')) as unknown as { items: Array<{ id: string; name: string }> };
          const roleIds = roles.items.filter((role) => role.name === 'Agent' || role.name === 'Senior agent').map((role) => role.id);
          const created = await org.asAdmin({ method: 'POST', url: '/api/v1/people', payload: { name: 'Pat Partial', email: `pat.${dialect}@example.test`, roleIds, startDate: '2026-01-05', managerId: org.admin.id } });
          expect(created.statusCode).toBe(201);
          const id = created.json().person.id;
          return { patchUrl: `/api/v1/people/${id}`, readBack: () => read(`/api/v1/people/${id}`) };
        },
        change: { name: 'Pat Partial-Smith' },
      },
      {
        name: 'a role',
        route: '/api/v1/roles/{id}',
        make: async () => {
          const created = (await org.asAdmin({ method: 'POST', url: '/api/v1/roles', payload: { name: 'Night desk', description: 'Covers the late shift.', permissions: ['cases.work', 'people.read'] } })).json();
          return {
            patchUrl: `/api/v1/roles/${created.id}`,
            readBack: () => read('/api/v1/roles', (body: { items: Record_[] }) => body.items.find((role) => role.id === created.id)!),
          };
        },
        change: { description: 'Covers the late and the early shift.' },
      },
      {
        name: 'a team',
        route: '/api/v1/teams/{id}',
        make: async () => {
          const created = (await org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name: 'Returns desk', description: 'Takes returns in store.' } })).json();
          return { patchUrl: `/api/v1/teams/${created.id}`, readBack: () => read(`/api/v1/teams/${created.id}`) };
        },
        change: { name: 'Returns and exchanges desk' },
      },
      {
        name: 'a process',
        route: '/api/v1/processes/{id}',
        make: async () => {
          const payload = { name: 'Gift wrapping', description: 'Wrap gifts at the till.', category: 'Stores', channels: ['in person'], ownerId: org.admin.id, notes: 'Busy in December.' };
          const created = (await org.asAdmin({ method: 'POST', url: '/api/v1/processes', payload })).json();
          return {
            patchUrl: `/api/v1/processes/${created.id}`,
            readBack: () => read('/api/v1/processes', (body: { items: Record_[] }) => body.items.find((process) => process.id === created.id)!),
          };
        },
        change: { notes: 'Busy in December; paper runs out.' },
      },
      {
        name: 'an SOP',
        route: '/api/v1/sops/{id}',
        make: async () => {
          const sop = await createSopViaApi(org.asAdmin, { channels: ['phone', 'email'], audience: ['Agent', 'Supervisor'], ownerId: org.admin.id, reviewIntervalMonths: 6 });
          return { patchUrl: `/api/v1/sops/${sop.sopId}`, readBack: () => read(`/api/v1/sops/${sop.sopId}`) };
        },
        change: { title: 'Refund a purchase by card' },
      },
      {
        name: 'a governed action',
        route: '/api/v1/governed-actions/{id}',
        make: async () => {
          const find = () => read('/api/v1/governed-actions', (body: { items: Record_[] }) => body.items.find((action) => action.key === 'goodwill-gesture')!);
          return { patchUrl: `/api/v1/governed-actions/${(await find()).id}`, readBack: find };
        },
        change: { label: 'Goodwill gesture (voucher)' },
      },
      {
        name: 'the organisation',
        route: '/api/v1/organisation',
        make: async () => ({ patchUrl: '/api/v1/organisation', readBack: () => read('/api/v1/organisation') }),
        change: { name: 'Partial Updates Ltd' },
      },
    ];

    it('covers every documented PATCH route', async () => {
      const documented = (await documentedRoutes(context.app)).filter(({ method }) => method === 'PATCH').map(({ path }) => path);
      expect(cases.map((testCase) => testCase.route).sort()).toEqual(documented.sort());
    });

    it.each(cases)('$name: the version alone changes nothing, one field changes that field alone, an old version is refused', async ({ make, change }) => {
      const { patchUrl, readBack } = await make();
      const before = await readBack();
      const rows = await countRows(context.db);

      const untouched = await org.asAdmin({ method: 'PATCH', url: patchUrl, payload: { version: before.version } });
      expect(untouched.statusCode, untouched.body).toBe(200);
      const afterNothing = await readBack();
      expect(fields(afterNothing)).toEqual(fields(before));
      // Not even the version moves: someone editing on it is not sent a conflict over nothing.
      expect(afterNothing.version).toBe(before.version);
      expect(await countRows(context.db), 'no event for nothing').toEqual(rows);

      const changed = await org.asAdmin({ method: 'PATCH', url: patchUrl, payload: { version: afterNothing.version, ...change } });
      expect(changed.statusCode, changed.body).toBe(200);
      const afterChange = await readBack();
      expect(fields(afterChange)).toEqual({ ...fields(before), ...change });
      expect(afterChange.version).toBeGreaterThan(before.version);

      // Someone still on the old version is refused and shown what is saved, never written over.
      const rowsAfterChange = await countRows(context.db);
      const stale = await org.asAdmin({ method: 'PATCH', url: patchUrl, payload: { version: before.version, ...change } });
      expect(stale.statusCode, stale.body).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { version: afterChange.version } });
      expect(await readBack()).toEqual(afterChange);
      expect(await countRows(context.db)).toEqual(rowsAfterChange);
    });
  });
});
