import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      SOPDESK_DATA_DIR: path.resolve('./data'),
      SOPDESK_DEMO: true,
      SOPDESK_LOG_LEVEL: 'info',
      SOPDESK_SESSION_IDLE_MINUTES: 480,
      SOPDESK_SESSION_ABSOLUTE_HOURS: 168,
      SOPDESK_BODY_LIMIT_BYTES: 1048576,
      secureCookies: false,
      database: { kind: 'sqlite', file: path.resolve('./data/sopdesk.db') },
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SOPDESK_PUBLIC_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', SOPDESK_DEMO: '' })).toMatchObject({ PORT: 3000, SOPDESK_DEMO: true, database: { kind: 'sqlite' } });
  });

  it.each([
    ['PORT', '8080', { PORT: 8080 }],
    ['HOST', '0.0.0.0', { HOST: '0.0.0.0' }],
    ['SOPDESK_DATA_DIR', '/var/lib/sopdesk', { SOPDESK_DATA_DIR: '/var/lib/sopdesk', database: { kind: 'sqlite', file: '/var/lib/sopdesk/sopdesk.db' } }],
    ['DATABASE_URL', 'postgres://sop:pw@db:5432/sopdesk', { database: { kind: 'postgres', url: 'postgres://sop:pw@db:5432/sopdesk' } }],
    ['DATABASE_URL', 'postgresql://db/sopdesk', { database: { kind: 'postgres', url: 'postgresql://db/sopdesk' } }],
    ['SOPDESK_DEMO', '0', { SOPDESK_DEMO: false }],
    ['SOPDESK_DEMO', 'false', { SOPDESK_DEMO: false }],
    ['SOPDESK_DEMO', '1', { SOPDESK_DEMO: true }],
    ['SOPDESK_LOG_LEVEL', 'silent', { SOPDESK_LOG_LEVEL: 'silent' }],
    ['SOPDESK_PUBLIC_URL', 'https://sop.example.com', { SOPDESK_PUBLIC_URL: 'https://sop.example.com', secureCookies: true }],
    ['SOPDESK_PUBLIC_URL', 'http://sop.internal:3000', { SOPDESK_PUBLIC_URL: 'http://sop.internal:3000', secureCookies: false }],
    ['SOPDESK_SECURE_COOKIES', '1', { secureCookies: true }],
    ['SOPDESK_SESSION_IDLE_MINUTES', '30', { SOPDESK_SESSION_IDLE_MINUTES: 30 }],
    ['SOPDESK_SESSION_ABSOLUTE_HOURS', '12', { SOPDESK_SESSION_ABSOLUTE_HOURS: 12 }],
    ['SOPDESK_BODY_LIMIT_BYTES', '2048', { SOPDESK_BODY_LIMIT_BYTES: 2048 }],
  ])('reads %s=%s', (key, value, expected) => {
    expect(loadConfig({ [key]: value })).toMatchObject(expected);
  });

  it('lets SOPDESK_SECURE_COOKIES override what the public URL implies', () => {
    expect(loadConfig({ SOPDESK_PUBLIC_URL: 'https://sop.example.com', SOPDESK_SECURE_COOKIES: '0' }).secureCookies).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', ' '],
    ['PORT', '0x50'],
    ['SOPDESK_SESSION_IDLE_MINUTES', '1e3'],
    ['DATABASE_URL', 'mysql://db/sopdesk'],
    ['SOPDESK_DEMO', 'yes'],
    ['SOPDESK_LOG_LEVEL', 'verbose'],
    ['SOPDESK_PUBLIC_URL', 'sop.example.com'],
    ['SOPDESK_PUBLIC_URL', 'javascript:alert(1)'],
    ['SOPDESK_PUBLIC_URL', 'ftp://sop.example.com'],
    ['SOPDESK_SECURE_COOKIES', 'maybe'],
    ['SOPDESK_SESSION_IDLE_MINUTES', '1'],
    ['SOPDESK_SESSION_ABSOLUTE_HOURS', '0'],
    ['SOPDESK_BODY_LIMIT_BYTES', 'lots'],
  ])('refuses %s=%s, naming the variable', (key, value) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${key}=`)).toBe(true);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', SOPDESK_DEMO: 'yes' });
    expect(problems.map((problem) => problem.split('=')[0]).sort()).toEqual(['PORT', 'SOPDESK_DEMO']);
    expect(new ConfigError(problems).message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('is frozen, all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.database as { file: string }).file = '/tmp/elsewhere.db';
    }).toThrow(TypeError);
  });

  it('never shows a database password: not in an error, not in the start-up description', () => {
    const refused = problemsOf({ DATABASE_URL: 'mysql://sop:hunter2-secret@db/sopdesk' });
    expect(refused.join('\n')).not.toContain('hunter2-secret');
    expect(refused[0]).toMatch(/^DATABASE_URL=\(hidden\)/);

    const config = loadConfig({ DATABASE_URL: 'postgres://sop:hunter2-secret@db/sopdesk' });
    expect(JSON.stringify(describeConfig(config))).not.toContain('hunter2-secret');
    expect(describeConfig(config)).toMatchObject({ database: 'postgres (DATABASE_URL)' });
  });

  it('shows other bad values, so a typo can be seen', () => {
    expect(problemsOf({ PORT: 'abc' })[0]).toContain('"abc"');
  });
});
