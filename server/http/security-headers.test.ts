import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness';

/** The headers every response carries, whatever the route and whatever its status. */
const POLICY = {
  'default-src': "'self'",
  'script-src': "'self'",
  'script-src-attr': "'none'",
  // Mantine sets CSS variables through style attributes.
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self' https: data:",
  'connect-src': "'self'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
};
const EXPECTED = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** The Content-Security-Policy header as directive → value, in no particular order. */
function policyOf(header: unknown): Record<string, string> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

function securityHeadersOf(headers: Record<string, unknown>) {
  return { ...Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, headers[name]])), policy: policyOf(headers['content-security-policy']) };
}

describe('security headers', () => {
  let plain: TestContext;
  let secure: TestContext;

  beforeAll(async () => {
    plain = await createTestContext('sqlite');
    secure = await createTestContext('sqlite', { SOPDESK_PUBLIC_URL: 'https://sopdesk.example.test' });
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
  });

  it('go out on answers, problems and unknown routes alike, with no Powered-By', async () => {
    for (const request of [
      { method: 'GET' as const, url: '/healthz' },
      { method: 'GET' as const, url: '/api/v1/me' },
      { method: 'GET' as const, url: '/api/v1/nowhere' },
      { method: 'POST' as const, url: '/api/v1/auth/sign-in', payload: '{"email":' },
    ]) {
      const response = await plain.app.inject({ ...request, headers: { 'content-type': 'application/json' } });
      expect(securityHeadersOf(response.headers), `${request.method} ${request.url} (${response.statusCode})`).toEqual({ ...EXPECTED, policy: POLICY });
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Plain HTTP (no https:// public URL): no HSTS, and no upgrade of requests the browser cannot make.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('add HSTS and upgrade-insecure-requests when sopdesk is served over HTTPS', async () => {
    const response = await secure.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(policyOf(response.headers['content-security-policy'])).toEqual({ ...POLICY, 'upgrade-insecure-requests': '' });
  });

  it('are the same on every request (nothing is carried from one response to the next)', async () => {
    const first = await plain.app.inject({ method: 'GET', url: '/healthz' });
    const second = await plain.app.inject({ method: 'GET', url: '/healthz' });
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(securityHeadersOf(second.headers)).toEqual({ ...EXPECTED, policy: POLICY });
  });
});
