import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInOrganisation } from '../test/factories';
import { countRows, createTestContext, documentedRoutes, TEST_DIALECTS, type TestContext } from '../test/harness';
import { createSopViaApi, goodContent } from '../test/sop-factories';

type Organisation = Awaited<ReturnType<typeof buildSignedInOrganisation>>;
type Call = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; url: string; payload?: unknown };

// Every query is scoped to the caller's organisation. This sweeps every documented /api/v1 route
// that takes an id: an administrator of another organisation, holding every permission, sends a
// valid request naming one of our records. Each must answer 404, as for an id that does not
// exist, with none of our data, and change nothing. A new route with an id must be added here.
describe.each(TEST_DIALECTS)('records of another organisation, on %s', (dialect) => {
  let context: TestContext;
  let ours: Organisation;
  let theirs: Organisation;
  const SECRET_TITLE = 'Quietly refund the regional director';
  let ids: Record<string, string>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    ours = await buildSignedInOrganisation(context.app, context.db);
    theirs = await buildSignedInOrganisation(context.app, context.db);
    const created = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
      const response = await ours.asAdmin({ method, url, payload });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json();
    };
    const team = await created('POST', '/api/v1/teams', { name: 'Private desk' });
    await created('PUT', `/api/v1/teams/${team.id}/members/${ours.agent.id}`, { isLead: false });
    const role = await created('POST', '/api/v1/roles', { name: 'Private role', permissions: ['cases.work'] });
    const token = await created('POST', '/api/v1/me/tokens', { name: 'Private script' });
    const sop = await createSopViaApi(ours.asAdmin, { key: 'CS-PRI-001', title: SECRET_TITLE });
    const draft = `/api/v1/sops/${sop.sopId}/versions/${sop.versionId}`;
    await created('PUT', `${draft}/content`, { revision: 1, content: { ...goodContent(), purpose: `${SECRET_TITLE}: why.` } });
    await created('POST', `${draft}/trial`, { personIds: [ours.agent.id] });
    const commented = (await ours.asAgent({ method: 'POST', url: `${draft}/comments`, payload: { section: 'purpose', body: 'Keep this between us.' } })).json();
    const process = await created('POST', '/api/v1/processes', { name: 'Private process', category: 'Secrets' });
    const template = await created('POST', '/api/v1/sop-templates', { name: 'Private template', content: goodContent() });
    const action = ((await ours.asAdmin({ method: 'GET', url: '/api/v1/governed-actions' })).json().items as Array<{ id: string }>)[0]!;
    const event = ((await ours.asAdmin({ method: 'GET', url: '/api/v1/audit/events?limit=1' })).json().items as Array<{ id: string }>)[0]!;
    ids = {
      person: ours.agent.id,
      team: team.id,
      role: role.id,
      token: token.id,
      sop: sop.sopId,
      version: sop.versionId,
      comment: (commented.comments as Array<{ id: string }>)[0]!.id,
      process: process.id,
      template: template.id,
      action: action.id,
      event: event.id,
    };
  });
  afterAll(() => context.close());

  const calls = (): Call[] => {
    const sop = `/api/v1/sops/${ids.sop}`;
    const version = `${sop}/versions/${ids.version}`;
    const call = (method: Call['method'], path: string, url: string, payload?: unknown): Call => ({ method, path, url, payload });
    return [
      call('DELETE', '/api/v1/me/tokens/{id}', `/api/v1/me/tokens/${ids.token}`),
      call('GET', '/api/v1/people/{id}', `/api/v1/people/${ids.person}`),
      call('PATCH', '/api/v1/people/{id}', `/api/v1/people/${ids.person}`, { version: 1, name: 'Taken over' }),
      call('POST', '/api/v1/people/{id}/suspend', `/api/v1/people/${ids.person}/suspend`),
      call('POST', '/api/v1/people/{id}/reactivate', `/api/v1/people/${ids.person}/reactivate`),
      call('POST', '/api/v1/people/{id}/password-reset', `/api/v1/people/${ids.person}/password-reset`),
      call('PATCH', '/api/v1/roles/{id}', `/api/v1/roles/${ids.role}`, { version: 1, name: 'Taken over' }),
      call('DELETE', '/api/v1/roles/{id}', `/api/v1/roles/${ids.role}`),
      call('GET', '/api/v1/teams/{id}', `/api/v1/teams/${ids.team}`),
      call('PATCH', '/api/v1/teams/{id}', `/api/v1/teams/${ids.team}`, { version: 1, name: 'Taken over' }),
      call('DELETE', '/api/v1/teams/{id}', `/api/v1/teams/${ids.team}`),
      call('PUT', '/api/v1/teams/{id}/members/{personId}', `/api/v1/teams/${ids.team}/members/${theirs.agent.id}`, { isLead: true }),
      call('DELETE', '/api/v1/teams/{id}/members/{personId}', `/api/v1/teams/${ids.team}/members/${ids.person}`),
      call('POST', '/api/v1/audit/events/{id}/erase', `/api/v1/audit/events/${ids.event}/erase`, { reason: 'Right to erasure' }),
      call('GET', '/api/v1/sops/{id}', sop),
      call('PATCH', '/api/v1/sops/{id}', sop, { version: 1, title: 'Taken over' }),
      call('POST', '/api/v1/sops/{id}/drafts', `${sop}/drafts`, { changeKind: 'minor', changeSummary: 'Taken over.' }),
      call('GET', '/api/v1/sops/{id}/versions/{versionId}', version),
      call('PUT', '/api/v1/sops/{id}/versions/{versionId}/content', `${version}/content`, { revision: 1, content: goodContent() }),
      call('DELETE', '/api/v1/sop-templates/{id}', `/api/v1/sop-templates/${ids.template}`),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/trial', `${version}/trial`, { personIds: [theirs.agent.id] }),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/comments', `${version}/comments`, { section: 'purpose', body: 'Taken over.' }),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/comments/{commentId}/resolution', `${version}/comments/${ids.comment}/resolution`, { status: 'resolved' }),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/submit', `${version}/submit`, { reviewerIds: [theirs.agent.id] }),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/review-complete', `${version}/review-complete`, {}),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/approve', `${version}/approve`, { password: theirs.admin.password }),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/return', `${version}/return`, { reason: 'Taken over.' }),
      call('POST', '/api/v1/sops/{id}/versions/{versionId}/publish', `${version}/publish`, {}),
      call('POST', '/api/v1/sops/{id}/retire', `${sop}/retire`, { reason: 'Taken over.' }),
      call('POST', '/api/v1/sops/{id}/periodic-reviews', `${sop}/periodic-reviews`, { outcome: 'still-correct' }),
      call('GET', '/api/v1/sops/{id}/compare', `${sop}/compare?from=${ids.version}&to=${ids.version}`),
      call('PATCH', '/api/v1/processes/{id}', `/api/v1/processes/${ids.process}`, { version: 1, name: 'Taken over' }),
      call('DELETE', '/api/v1/processes/{id}', `/api/v1/processes/${ids.process}`),
      call('PATCH', '/api/v1/governed-actions/{id}', `/api/v1/governed-actions/${ids.action}`, { version: 1, label: 'Taken over' }),
      call('GET', '/api/v1/sops/{id}/flowchart.svg', `${sop}/flowchart.svg`),
    ];
  };

  it('lists every documented route that takes an id', async () => {
    const documented = (await documentedRoutes(context.app)).filter(({ path }) => path.includes('{')).map(({ route }) => route);
    expect(calls().map((call) => `${call.method} ${call.path}`).sort()).toEqual(documented.sort());
  });

  it('answers 404 to each, with none of our data, and changes nothing', async () => {
    const sopBefore = (await ours.asAdmin({ method: 'GET', url: `/api/v1/sops/${ids.sop}` })).json();
    const rows = await countRows(context.db);
    const answers: Record<string, number> = {};
    for (const call of calls()) {
      const response = await theirs.asAdmin({ method: call.method, url: call.url, payload: call.payload as never });
      answers[`${call.method} ${call.path}`] = response.statusCode;
      expect(response.body, `${call.method} ${call.path}`).not.toContain(SECRET_TITLE);
      expect(response.body, `${call.method} ${call.path}`).not.toContain('Keep this between us');
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((route) => [route, 404])));
    expect(await countRows(context.db)).toEqual(rows);
    expect((await ours.asAdmin({ method: 'GET', url: `/api/v1/sops/${ids.sop}` })).json()).toEqual(sopBefore);
    expect((await ours.asAdmin({ method: 'GET', url: `/api/v1/teams/${ids.team}` })).json().members).toHaveLength(1);
  });
});
