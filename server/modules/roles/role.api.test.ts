import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_KEYS, SEEDED_ROLES } from '../../../common/permissions';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

type RoleView = { id: string; name: string; description: string; permissions: string[]; memberCount: number; version: number; can: { update: boolean; delete: boolean } };

describe.each(TEST_DIALECTS)('roles API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  async function createRole(payload: Record<string, unknown>): Promise<RoleView> {
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/roles', payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  const eventsOf = (roleId: string) =>
    context.db.selectFrom('audit_events').select(['type', 'actor_id', 'payload']).where('stream', '=', `role:${roleId}`).orderBy('seq').execute();

  it('lists the seeded roles with their members and the permission catalogue', async () => {
    const response = await org.asAdmin({ method: 'GET', url: '/api/v1/roles' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((role: RoleView) => role.name).sort()).toEqual(SEEDED_ROLES.map((role) => role.name).sort());
    const administrator = body.items.find((role: RoleView) => role.name === 'Administrator');
    expect(administrator).toMatchObject({ memberCount: 1, can: { update: true, delete: false } });
    expect(administrator.permissions.sort()).toEqual([...PERMISSION_KEYS].sort());
    expect(body.permissions.map((permission: { key: string }) => permission.key)).toEqual(PERMISSION_KEYS);
    expect(body.can).toEqual({ create: true });
  });

  it('creates, edits and deletes a role, recording each change', async () => {
    const created = await createRole({ name: '  Trainer ', description: 'Runs onboarding', permissions: ['training.manage', 'people.read', 'training.manage'] });
    expect(created).toMatchObject({ name: 'Trainer', description: 'Runs onboarding', memberCount: 0, version: 1, can: { update: true, delete: true } });
    expect(created.permissions.sort()).toEqual(['people.read', 'training.manage']);

    const updated = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${created.id}`, payload: { version: 1, name: 'Coach', permissions: ['training.manage'] } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Coach', permissions: ['training.manage'], version: 2 });

    const deleted = await org.asAdmin({ method: 'DELETE', url: `/api/v1/roles/${created.id}` });
    expect(deleted.statusCode).toBe(204);
    const list = (await org.asAdmin({ method: 'GET', url: '/api/v1/roles' })).json();
    expect(list.items.map((role: RoleView) => role.id)).not.toContain(created.id);

    const events = await eventsOf(created.id);
    expect(events.map((event) => event.type)).toEqual(['role.created', 'role.updated', 'role.deleted']);
    expect(new Set(events.map((event) => event.actor_id))).toEqual(new Set([org.admin.id]));
    expect(JSON.parse(events[1]!.payload!).changes).toEqual({
      name: { from: 'Trainer', to: 'Coach' },
      permissions: { from: ['training.manage', 'people.read'], to: ['training.manage'] },
    });
  });

  it('gives a member the permissions of an edited role on their very next request', async () => {
    const role = await createRole({ name: 'Rota planner', description: 'Plans shifts', permissions: ['cases.work'] });
    const member = await buildPerson(context.db, org.orgId, 'Rota planner');
    const asMember = asSession(context.app, await signInAs(context.app, member));
    const permissionsNow = async () => ((await asMember({ method: 'GET', url: '/api/v1/me' })).json() as { permissions: string[] }).permissions;
    expect(await permissionsNow()).toEqual(['cases.work']);
    expect((await asMember({ method: 'GET', url: '/api/v1/people' })).statusCode).toBe(403);

    const granted = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 1, permissions: ['cases.work', 'people.read'] } });
    expect(granted.statusCode).toBe(200);
    expect(await permissionsNow()).toEqual(['cases.work', 'people.read']);
    expect((await asMember({ method: 'GET', url: '/api/v1/people' })).statusCode).toBe(200);

    const revoked = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 2, permissions: ['cases.work'] } });
    expect(revoked.statusCode).toBe(200);
    expect(await permissionsNow()).toEqual(['cases.work']);
    expect((await asMember({ method: 'GET', url: '/api/v1/people' })).statusCode).toBe(403);
  });

  it('writes no event for an edit that changes nothing', async () => {
    const role = await createRole({ name: 'Unchanged', permissions: ['cases.work'] });
    const response = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 1, name: 'Unchanged', permissions: ['cases.work'] } });
    expect(response.statusCode).toBe(200);
    expect((await eventsOf(role.id)).map((event) => event.type)).toEqual(['role.created']);
  });

  it.each([
    ['an unknown permission', { name: 'Odd', permissions: ['cases.work', 'sops.delete-everything'] }, 'body.permissions.1'],
    ['no name', { name: '   ', permissions: [] }, 'body.name'],
    ['an unknown field', { name: 'Odd', permissions: [], superuser: true }, 'body.superuser'],
    ['a permission list that is not a list', { name: 'Odd', permissions: 'roles.manage' }, 'body.permissions'],
  ])('refuses a role with %s, naming the field, and writes nothing', async (_case, payload, field) => {
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/roles', payload });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toContain(field);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('refuses an unknown permission on edit, naming the field', async () => {
    const role = await createRole({ name: 'Editable', permissions: [] });
    const response = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 1, permissions: ['root'] } });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toEqual(['body.permissions.0']);
  });

  it('refuses a name already in use with 409, on create and on rename', async () => {
    const before = await countRows(context.db);
    const create = await org.asAdmin({ method: 'POST', url: '/api/v1/roles', payload: { name: 'Supervisor' } });
    expect(create.statusCode).toBe(409);
    expect(problemOf(create)).toMatchObject({ code: 'name_taken', errors: [{ field: 'body.name', message: 'is already in use' }] });
    expect(await countRows(context.db)).toEqual(before);

    const role = await createRole({ name: 'Renamable' });
    const rename = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 1, name: 'Agent' } });
    expect(rename.statusCode).toBe(409);
    expect(problemOf(rename).code).toBe('name_taken');
  });

  it('answers two simultaneous creations of one name with one role and one 409', async () => {
    const responses = await Promise.all([1, 2].map(() => org.asAdmin({ method: 'POST', url: '/api/v1/roles', payload: { name: 'Twin' } })));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(problemOf(responses.find((response) => response.statusCode === 409)!).code).toBe('name_taken');
  });

  it('refuses a stale edit with 409 and the role as it now stands', async () => {
    const role = await createRole({ name: 'Contested', permissions: ['cases.work'] });
    expect((await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 1, description: 'First edit' } })).statusCode).toBe(200);
    const before = await countRows(context.db);
    const stale = await org.asAdmin({ method: 'PATCH', url: `/api/v1/roles/${role.id}`, payload: { version: 1, description: 'Second edit' } });
    expect(stale.statusCode).toBe(409);
    const problem = problemOf(stale);
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({ id: role.id, description: 'First edit', version: 2 });
    expect(await countRows(context.db)).toEqual(before);
  });

  it('refuses to delete a role somebody holds', async () => {
    const supervisor = await buildPerson(context.db, org.orgId, 'Supervisor');
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'DELETE', url: `/api/v1/roles/${org.roleIdsByName.Supervisor}` });
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('role_in_use');
    expect(await countRows(context.db)).toEqual(before);
    // The holder keeps the role, and the role still counts them.
    const held = (await org.asAdmin({ method: 'GET', url: `/api/v1/people/${supervisor.id}` })).json();
    expect(held.roles.map((role: { name: string }) => role.name)).toEqual(['Supervisor']);
    const role = (await org.asAdmin({ method: 'GET', url: '/api/v1/roles' })).json().items.find((item: RoleView) => item.name === 'Supervisor');
    expect(role.memberCount).toBeGreaterThanOrEqual(1);
  });

  it('never removes roles.manage from the last active people who hold it', async () => {
    const before = await countRows(context.db);
    const version = (await org.asAdmin({ method: 'GET', url: '/api/v1/roles' })).json().items.find((role: RoleView) => role.name === 'Administrator').version;
    const response = await org.asAdmin({
      method: 'PATCH',
      url: `/api/v1/roles/${org.roleIdsByName.Administrator}`,
      payload: { version, permissions: PERMISSION_KEYS.filter((key) => key !== 'roles.manage') },
    });
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('last_administrator');
    expect(await countRows(context.db)).toEqual(before);
    const administrator = (await org.asAdmin({ method: 'GET', url: '/api/v1/roles' })).json().items.find((role: RoleView) => role.name === 'Administrator');
    expect(administrator).toMatchObject({ version });
    expect(administrator.permissions).toContain('roles.manage');
  });

  it('lets roles.manage leave a role when another active holder keeps it', async () => {
    const solo = await buildOrganisation(context.db);
    const admin = await buildPerson(context.db, solo.orgId, 'Administrator');
    const asAdmin = asSession(context.app, await signInAs(context.app, admin));
    const keeper = (await asAdmin({ method: 'POST', url: '/api/v1/roles', payload: { name: 'Keeper', permissions: ['roles.manage'] } })).json();
    // Nobody holds Keeper yet: dropping roles.manage from Administrator would leave no holder.
    const refused = await asAdmin({ method: 'PATCH', url: `/api/v1/roles/${solo.roleIdsByName.Administrator}`, payload: { version: 1, permissions: ['people.manage'] } });
    expect(problemOf(refused).code).toBe('last_administrator');
    const person = (await asAdmin({ method: 'GET', url: `/api/v1/people/${admin.id}` })).json();
    const gave = await asAdmin({ method: 'PATCH', url: `/api/v1/people/${admin.id}`, payload: { version: person.version, roleIds: [solo.roleIdsByName.Administrator, keeper.id] } });
    expect(gave.statusCode).toBe(200);
    const allowed = await asAdmin({ method: 'PATCH', url: `/api/v1/roles/${solo.roleIdsByName.Administrator}`, payload: { version: 1, permissions: ['people.manage'] } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().permissions).toEqual(['people.manage']);
  });

  it('forbids an agent from listing, creating, editing or deleting roles (403), writing nothing', async () => {
    const before = await countRows(context.db);
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/roles' },
      { method: 'POST' as const, url: '/api/v1/roles', payload: { name: 'Self-made', permissions: ['roles.manage'] } },
      { method: 'PATCH' as const, url: `/api/v1/roles/${org.roleIdsByName.Agent}`, payload: { version: 1, permissions: PERMISSION_KEYS } },
      { method: 'DELETE' as const, url: `/api/v1/roles/${org.roleIdsByName['Quality manager']}` },
    ]) {
      const response = await org.asAgent(request);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    expect(await countRows(context.db)).toEqual(before);
  });

  it('lets a supervisor (people.read) list roles but not change them', async () => {
    const asSupervisor = asSession(context.app, await signInAs(context.app, await buildPerson(context.db, org.orgId, 'Supervisor')));
    const list = await asSupervisor({ method: 'GET', url: '/api/v1/roles' });
    expect(list.statusCode).toBe(200);
    expect(list.json().can).toEqual({ create: false });
    expect(list.json().items.every((role: RoleView) => !role.can.update && !role.can.delete)).toBe(true);
    expect((await asSupervisor({ method: 'POST', url: '/api/v1/roles', payload: { name: 'Nope' } })).statusCode).toBe(403);
  });

  it('answers another organisation’s role with 404 and leaves it alone', async () => {
    const other = await buildOrganisation(context.db);
    const before = await countRows(context.db);
    const strangerRole = other.roleIdsByName['Quality manager']!;
    for (const request of [
      { method: 'PATCH' as const, url: `/api/v1/roles/${strangerRole}`, payload: { version: 1, name: 'Hijacked' } },
      { method: 'DELETE' as const, url: `/api/v1/roles/${strangerRole}` },
    ]) {
      const response = await org.asAdmin(request);
      expect(response.statusCode).toBe(404);
      expect(problemOf(response).code).toBe('not_found');
    }
    expect(await countRows(context.db)).toEqual(before);
    const row = await context.db.selectFrom('roles').select(['name', 'version']).where('id', '=', strangerRole).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Quality manager', version: 1 });
  });
});
