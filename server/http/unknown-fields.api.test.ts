import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedInOrganisation } from '../test/factories';
import { countRows, createTestContext, TEST_DIALECTS, type TestContext } from '../test/harness';

const NO_SUCH_ID = '0193a4f2-0000-7000-8000-000000000000';
// They end the caller's session, which the other requests need; sign-in tests cover them.
const ENDS_THE_SESSION = new Set(['POST /api/v1/auth/sign-out', 'POST /api/v1/auth/sign-out-everywhere']);

// Every write of the API takes a strict body: a field it does not know is refused with a
// validation problem that names it, before anything is written. This sends each documented
// write, as an administrator, a body holding only an unknown field.
describe.each(TEST_DIALECTS)('writes refuse unknown fields, on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  it('answers each with 400 naming the field (404 for a write without a body and an unknown id), writing nothing', async () => {
    const document = (await context.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const writes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, hasBody: Boolean(operation.requestBody) })))
      .filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method));
    expect(writes.length).toBeGreaterThan(25);

    const rows = await countRows(context.db);
    const answers: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const { method, path, hasBody } of writes.filter((write) => !ENDS_THE_SESSION.has(`${write.method} ${write.path}`))) {
      const route = `${method} ${path}`;
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
