import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

type TeamView = { id: string; name: string; description: string; members: Array<{ personId: string; isLead: boolean; name: string }>; version: number };

describe.each(TEST_DIALECTS)('teams API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  async function createTeam(name: string, description = ''): Promise<TeamView> {
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name, description } });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  const putMember = (teamId: string, personId: string, isLead = false) =>
    org.asAdmin({ method: 'PUT', url: `/api/v1/teams/${teamId}/members/${personId}`, payload: { isLead } });

  const eventTypesOf = async (teamId: string) =>
    (await context.db.selectFrom('audit_events').select('type').where('stream', '=', `team:${teamId}`).orderBy('seq').execute()).map((event) => event.type);

  it('creates, renames and deletes a team, recording each change', async () => {
    const created = await createTeam('  Returns desk ', 'Handles returns');
    expect(created).toMatchObject({ name: 'Returns desk', description: 'Handles returns', members: [], version: 1 });
    const renamed = await org.asAdmin({ method: 'PATCH', url: `/api/v1/teams/${created.id}`, payload: { version: 1, name: 'Returns' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Returns', version: 2 });
    const list = await org.asAdmin({ method: 'GET', url: '/api/v1/teams' });
    expect(list.json().items.map((team: TeamView) => team.name)).toContain('Returns');
    expect(list.json().can).toEqual({ create: true });
    expect((await org.asAdmin({ method: 'DELETE', url: `/api/v1/teams/${created.id}` })).statusCode).toBe(204);
    expect((await org.asAdmin({ method: 'GET', url: `/api/v1/teams/${created.id}` })).statusCode).toBe(404);
    expect(await eventTypesOf(created.id)).toEqual(['team.created', 'team.updated', 'team.deleted']);
  });

  it('adds members, sets and clears the lead flag, and removes members, bumping the version each time', async () => {
    const team = await createTeam('Contact centre');
    const lead = await buildPerson(context.db, org.orgId, 'Supervisor', { name: 'Zara Lead' });
    const member = await buildPerson(context.db, org.orgId, 'Agent', { name: 'Adam Member' });

    expect((await putMember(team.id, member.id)).json()).toMatchObject({ version: 2, members: [{ personId: member.id, isLead: false }] });
    const withLead = (await putMember(team.id, lead.id, true)).json();
    // Leads come first, whatever their name.
    expect(withLead.members.map((entry: TeamView['members'][number]) => [entry.name, entry.isLead])).toEqual([
      ['Zara Lead', true],
      ['Adam Member', false],
    ]);
    expect(withLead.version).toBe(3);

    const unchanged = await putMember(team.id, lead.id, true);
    expect(unchanged.json().version).toBe(3);
    const demoted = (await putMember(team.id, lead.id, false)).json();
    expect(demoted.members.every((entry: TeamView['members'][number]) => !entry.isLead)).toBe(true);

    const removed = await org.asAdmin({ method: 'DELETE', url: `/api/v1/teams/${team.id}/members/${member.id}` });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().members.map((entry: TeamView['members'][number]) => entry.personId)).toEqual([lead.id]);
    expect(await eventTypesOf(team.id)).toEqual(['team.created', 'team.member-added', 'team.member-added', 'team.member-added', 'team.member-removed']);

    const me = await asSession(context.app, await signInAs(context.app, lead))({ method: 'GET', url: '/api/v1/me' });
    expect(me.json().teams).toEqual([{ id: team.id, name: 'Contact centre' }]);
  });

  it('answers removing a person who is not a member with 404, writing nothing', async () => {
    const team = await createTeam('Empty team');
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'DELETE', url: `/api/v1/teams/${team.id}/members/${org.agent.id}` });
    expect(response.statusCode).toBe(404);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('deletes a team together with its memberships', async () => {
    const team = await createTeam('Short-lived team');
    await putMember(team.id, org.agent.id);
    expect((await org.asAdmin({ method: 'DELETE', url: `/api/v1/teams/${team.id}` })).statusCode).toBe(204);
    const left = await context.db.selectFrom('team_members').select('person_id').where('team_id', '=', team.id).execute();
    expect(left).toEqual([]);
  });

  it('refuses a name already in use with 409, on create and on rename, writing nothing', async () => {
    await createTeam('Night shift');
    const before = await countRows(context.db);
    const duplicate = await org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name: 'Night shift' } });
    expect(duplicate.statusCode).toBe(409);
    expect(problemOf(duplicate)).toMatchObject({ code: 'name_taken', errors: [{ field: 'body.name', message: 'is already in use' }] });
    expect(await countRows(context.db)).toEqual(before);

    const day = await createTeam('Day shift');
    const rename = await org.asAdmin({ method: 'PATCH', url: `/api/v1/teams/${day.id}`, payload: { version: 1, name: 'Night shift' } });
    expect(problemOf(rename).code).toBe('name_taken');
  });

  it('answers two simultaneous creations of one name with one team and one 409', async () => {
    const responses = await Promise.all([1, 2].map(() => org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name: 'Twin team' } })));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(problemOf(responses.find((response) => response.statusCode === 409)!).code).toBe('name_taken');
  });

  it('refuses a stale edit with 409 and the current team, also after a membership change', async () => {
    const team = await createTeam('Escalations');
    await putMember(team.id, org.agent.id);
    const before = await countRows(context.db);
    const stale = await org.asAdmin({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { version: 1, description: 'Overwrites?' } });
    expect(stale.statusCode).toBe(409);
    const problem = problemOf(stale);
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({ id: team.id, version: 2, description: '', members: [{ personId: org.agent.id }] });
    expect(await countRows(context.db)).toEqual(before);
  });

  it.each([
    ['no name', { name: '' }, 'body.name'],
    ['a name with a line break', { name: 'Two\nlines' }, 'body.name'],
    ['an unknown field', { name: 'Fine', members: [] }, 'body.members'],
  ])('refuses a team with %s, naming the field', async (_case, payload, field) => {
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toContain(field);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('forbids an agent from changing teams (403), writing nothing', async () => {
    const team = await createTeam('Guarded team');
    const before = await countRows(context.db);
    for (const request of [
      { method: 'POST' as const, url: '/api/v1/teams', payload: { name: 'Agent team' } },
      { method: 'PATCH' as const, url: `/api/v1/teams/${team.id}`, payload: { version: 1, name: 'Taken over' } },
      { method: 'DELETE' as const, url: `/api/v1/teams/${team.id}` },
      { method: 'PUT' as const, url: `/api/v1/teams/${team.id}/members/${org.agent.id}`, payload: { isLead: true } },
      { method: 'GET' as const, url: '/api/v1/teams' },
      { method: 'GET' as const, url: `/api/v1/teams/${team.id}` },
    ]) {
      const response = await org.asAgent(request);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    expect(await countRows(context.db)).toEqual(before);
  });

  it('lets an agent read a team they belong to', async () => {
    const team = await createTeam('My own team');
    await putMember(team.id, org.agent.id);
    const response = await org.asAgent({ method: 'GET', url: `/api/v1/teams/${team.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: team.id, can: { update: false, delete: false } });
  });

  it('answers another organisation’s team or person with 404 and none of its data', async () => {
    const other = await buildOrganisation(context.db);
    const stranger = await buildPerson(context.db, other.orgId, 'Administrator', { name: 'Secret Stranger' });
    const asStranger = asSession(context.app, await signInAs(context.app, stranger));
    const strangerTeam = (await asStranger({ method: 'POST', url: '/api/v1/teams', payload: { name: 'Secret team' } })).json();
    const mine = await createTeam('Not for strangers');

    const before = await countRows(context.db);
    for (const request of [
      { method: 'GET' as const, url: `/api/v1/teams/${strangerTeam.id}` },
      { method: 'PATCH' as const, url: `/api/v1/teams/${strangerTeam.id}`, payload: { version: 1, name: 'Hijacked' } },
      { method: 'DELETE' as const, url: `/api/v1/teams/${strangerTeam.id}` },
      { method: 'PUT' as const, url: `/api/v1/teams/${strangerTeam.id}/members/${org.agent.id}`, payload: { isLead: false } },
      { method: 'PUT' as const, url: `/api/v1/teams/${mine.id}/members/${stranger.id}`, payload: { isLead: false } },
    ]) {
      const response = await org.asAdmin(request);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Secret');
    }
    expect(await countRows(context.db)).toEqual(before);
    expect((await org.asAdmin({ method: 'GET', url: '/api/v1/teams' })).body).not.toContain('Secret team');
  });
});
