import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openDatabase } from '../db/database';
import { testConfig } from '../test/harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STDIN_PASSWORD = 'quiet harbour lantern 42 spruce';

type Run = { code: number | null; stdout: string; stderr: string };

// The CLI is about the embedded database, so this file runs on SQLite only. Each run starts Node
// and tsx (a few seconds on a busy machine), so the runs are few and the timeout generous.
describe('the sopdesk command line', { timeout: 120_000 }, () => {
  let dataDir: string;
  let databaseFile: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-cli-'));
    databaseFile = path.join(dataDir, 'sopdesk.db');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  function sopdesk(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/sopdesk.mjs', ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), SOPDESK_DATA_DIR: dataDir, SOPDESK_DEMO: '0', DATABASE_URL: '', ...options.env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  }

  /** Signs in through the real HTTP application over the CLI's database file. */
  async function signInStatus(email: string, password: string): Promise<number> {
    const handle = openDatabase({ kind: 'sqlite', file: databaseFile });
    const app = await buildApp({ config: testConfig(), db: handle.db });
    try {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
      return response.statusCode;
    } finally {
      await app.close();
      await handle.close();
    }
  }

  function withSqlite<T>(work: (sqlite: SQLite.Database) => T, file = databaseFile): T {
    const sqlite = new SQLite(file);
    try {
      return work(sqlite);
    } finally {
      sqlite.close();
    }
  }

  it('migrates an empty data folder, and says so when there is nothing left to do', async () => {
    const first = await sopdesk(['migrate']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/applied 2026-11-25-0001-foundation/);
    expect(fs.existsSync(databaseFile)).toBe(true);
    const second = await sopdesk(['migrate']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('The database is up to date.');
  });

  it('adds an administrator with a generated password that signs in', async () => {
    const run = await sopdesk(['user', 'add', '--email', 'Ana.Silva@Example.test', '--name', 'Ana Silva', '--role', 'Administrator']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Added Ana Silva <ana.silva@example.test> as Administrator');
    const password = /Password \(shown once[^)]*\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeDefined();
    const row = withSqlite((sqlite) => sqlite.prepare('select password_hash, status from people where email = ?').get('ana.silva@example.test') as { password_hash: string; status: string });
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(row.password_hash).not.toContain(password);
    expect(await signInStatus('ana.silva@example.test', password!)).toBe(200);
  });

  it('reads the password from standard input with --password-stdin, and never prints it', async () => {
    const run = await sopdesk(['user', 'add', '--email', 'lee@example.test', '--name', 'Lee Park', '--role', 'Agent', '--password-stdin'], { input: `${STDIN_PASSWORD}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(STDIN_PASSWORD);
    expect(await signInStatus('lee@example.test', STDIN_PASSWORD)).toBe(200);
  });

  it('refuses a weak password or an unknown role, adding nobody', async () => {
    const count = () => withSqlite((sqlite) => (sqlite.prepare('select count(*) as n from people').get() as { n: number }).n);
    const before = count();
    const weak = await sopdesk(['user', 'add', '--email', 'weak@example.test', '--name', 'Weak', '--role', 'Agent', '--password-stdin'], { input: 'password\n' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: must be at least 12 characters/);
    const role = await sopdesk(['user', 'add', '--email', 'role@example.test', '--name', 'Role', '--role', 'Wizard']);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('no role called "Wizard"');
    expect(count()).toBe(before);
  });

  /** A copy of the CLI's database in a data folder of its own, to tamper with without touching the other tests. */
  async function copyDataDir(): Promise<{ dir: string; file: string; env: Record<string, string> }> {
    const dir = fs.mkdtempSync(path.join(dataDir, 'copy-'));
    const file = path.join(dir, 'sopdesk.db');
    const sqlite = new SQLite(databaseFile);
    try {
      await sqlite.backup(file);
    } finally {
      sqlite.close();
    }
    return { dir, file, env: { SOPDESK_DATA_DIR: dir } };
  }

  it('writes a checkpoint, verifies against it (exit 0), names a stream cut short (exit 1) and refuses a bad or altered file (exit 2)', async () => {
    const copy = await copyDataDir();
    const file = path.join(copy.dir, 'checkpoint.json');
    const written = await sopdesk(['audit', 'checkpoint', '--to', file], { env: copy.env });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/Wrote the checkpoint of my-organisation to .*checkpoint\.json: \d+ streams, \d+ events/);
    const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; streams: Array<{ stream: string; seq: number }> };
    expect(checkpoint.format).toBe('sopdesk-audit-checkpoint/1');

    const overwrite = await sopdesk(['audit', 'checkpoint', '--to', file], { env: copy.env });
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toContain('already exists');

    const intact = await sopdesk(['audit', 'verify', '--checkpoint', file], { env: copy.env });
    expect(intact.code, intact.stdout + intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/my-organisation: every head of the checkpoint taken \S+ is still there \(\d+ streams\)/);
    expect(intact.stdout).toMatch(/my-organisation: chains intact/);

    const altered = path.join(copy.dir, 'altered.json');
    fs.writeFileSync(altered, JSON.stringify({ ...checkpoint, streams: checkpoint.streams.map((head, index) => (index === 0 ? { ...head, seq: head.seq + 1 } : head)) }));
    const notJson = path.join(copy.dir, 'not-json.json');
    fs.writeFileSync(notJson, 'sopdesk-audit-checkpoint/1');
    const wrongFormat = path.join(copy.dir, 'wrong-format.json');
    fs.writeFileSync(wrongFormat, JSON.stringify({ ...checkpoint, format: 'something-else/1' }));
    const verifyFile = (bad: string) => sopdesk(['audit', 'verify', '--checkpoint', bad], { env: copy.env });
    const [alteredRun, notJsonRun, wrongFormatRun] = await Promise.all([verifyFile(altered), verifyFile(notJson), verifyFile(wrongFormat)]);
    expect(alteredRun.code).toBe(2);
    expect(alteredRun.stderr).toMatch(/was altered after it was taken/);
    expect(notJsonRun.code).toBe(2);
    expect(notJsonRun.stderr).toContain('it is not valid JSON');
    expect(wrongFormatRun.code).toBe(2);
    expect(wrongFormatRun.stderr).toMatch(/not a valid checkpoint: format: must be "sopdesk-audit-checkpoint\/1"/);

    // An attacker with the file removes the last event of a stream: the chain alone cannot tell.
    const cut = withSqlite((sqlite) => {
      const head = sqlite.prepare('select stream, max(seq) as seq from audit_events group by stream having max(seq) >= 2 order by stream limit 1').get() as { stream: string; seq: number };
      sqlite.exec('drop trigger audit_events_no_delete');
      sqlite.prepare('delete from audit_events where stream = ? and seq = ?').run(head.stream, head.seq);
      return head;
    }, copy.file);
    const plain = await sopdesk(['audit', 'verify'], { env: copy.env });
    expect(plain.code).toBe(0);
    const missing = await sopdesk(['audit', 'verify', '--checkpoint', file], { env: copy.env });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`my-organisation: MISSING ${cut.stream} #${cut.seq}: the stream ends at #${cut.seq - 1}; the checkpoint saw #${cut.seq}: events were removed`);
  });

  it('asks which organisation to checkpoint when there are several (exit 2)', async () => {
    const copy = await copyDataDir();
    withSqlite((sqlite) => {
      sqlite.prepare('insert into organisations (id, name, slug, created_at) values (?, ?, ?, ?)').run('0193a000-0000-7000-8000-000000000002', 'Second Ltd', 'second-ltd', new Date().toISOString());
    }, copy.file);
    const [refused, chosen] = await Promise.all([
      sopdesk(['audit', 'checkpoint', '--to', path.join(copy.dir, 'refused.json')], { env: copy.env }),
      sopdesk(['audit', 'checkpoint', '--to', path.join(copy.dir, 'chosen.json'), '--org', 'second-ltd'], { env: copy.env }),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('A checkpoint is of one organisation; choose one with --org (my-organisation, second-ltd).');
    expect(fs.existsSync(path.join(copy.dir, 'refused.json'))).toBe(false);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(copy.dir, 'chosen.json'), 'utf8'))).toMatchObject({ organisation: { slug: 'second-ltd' }, streams: [], eventCount: 0 });
  });

  it('verifies the audit trail (exit 0), then names the broken event after tampering (exit 1)', async () => {
    const intact = await sopdesk(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/my-organisation: intact — \d+ events in \d+ streams/);

    const person = withSqlite((sqlite) => sqlite.prepare('select id from people where email = ?').get('lee@example.test') as { id: string });
    withSqlite((sqlite) => {
      // An attacker with the file: drop the append-only guard and rewrite a payload.
      sqlite.exec('drop trigger audit_events_erase_only');
      sqlite.prepare("update audit_events set payload = replace(payload, 'Lee Park', 'Someone Else') where stream = ? and seq = 1").run(`person:${person.id}`);
    });
    const broken = await sopdesk(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at person:${person.id} #1`);
    expect(broken.stdout).toMatch(/payload was altered/);
  });

  it('writes a backup that is a complete, usable SQLite database, and never overwrites a file', async () => {
    const target = path.join(dataDir, 'backup.db');
    const run = await sopdesk(['backup', '--to', target]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`to ${target}`);
    const [check, people] = withSqlite((sqlite) => [sqlite.pragma('integrity_check', { simple: true }), (sqlite.prepare('select count(*) as n from people').get() as { n: number }).n], target);
    expect(check).toBe('ok');
    expect(people).toBe(withSqlite((sqlite) => (sqlite.prepare('select count(*) as n from people').get() as { n: number }).n));

    const again = await sopdesk(['backup', '--to', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('refuses bad environment values before running any command, naming each and hiding secrets', async () => {
    const run = await sopdesk(['migrate'], { env: { PORT: 'abc', DATABASE_URL: 'mysql://root:topsecret@db/x' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PORT="abc"/);
    expect(run.stderr).toContain('DATABASE_URL=(hidden)');
    expect(run.stderr).not.toContain('topsecret');
  });

  it('explains every command with --help', async () => {
    const commands = [[], ['user', 'add'], ['audit', 'verify'], ['backup'], ['audit', 'checkpoint'], ['demo']];
    const runs = await Promise.all(commands.map((command) => sopdesk([...command, '--help'])));
    runs.forEach((run, index) => {
      expect(run.code, commands[index]!.join(' ')).toBe(0);
      expect(run.stdout).toContain(`Usage: sopdesk${commands[index]!.length ? ` ${commands[index]!.join(' ')}` : ''}`);
    });
    for (const command of ['audit', 'backup', 'demo', 'migrate', 'serve', 'user']) expect(runs[0]!.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(runs[1]!.stdout).toContain('--password-stdin');
    expect(runs[2]!.stdout).toContain('--stream <stream>');
    expect(runs[3]!.stdout).toContain('--to <file>');
    expect(runs[2]!.stdout).toContain('--checkpoint <file>');
    expect(runs[4]!.stdout).toMatch(/--to <file>[\s\S]*--org <slug>/);
    expect(runs[5]!.stdout).toContain('--reset');
  });

  it('loads the demo once, refuses a second load, and loads it afresh with new passwords with --reset', async () => {
    const administratorPassword = (run: Run) => /^ {2}Administrator\s+alex\.morgan@harbourhill\.example {2}(\S+)$/m.exec(run.stdout)?.[1];
    const first = await sopdesk(['demo']);
    expect(first.code).toBe(0);
    const firstPassword = administratorPassword(first);
    expect(firstPassword).toBeDefined();

    const again = await sopdesk(['demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The demo organisation is already loaded');
    expect(again.stderr).toContain('sopdesk demo --reset');

    const othersPeople = () =>
      withSqlite((sqlite) => sqlite.prepare("select count(*) as n from people join organisations on organisations.id = people.org_id where organisations.slug <> 'harbour-and-hill'").get() as { n: number }).n;
    const othersBefore = othersPeople();
    const reset = await sopdesk(['demo', '--reset']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Removed the demo organisation.');
    const secondPassword = administratorPassword(reset);
    expect(secondPassword).toBeDefined();
    expect(secondPassword).not.toBe(firstPassword);
    expect(await signInStatus('alex.morgan@harbourhill.example', secondPassword!)).toBe(200);
    expect(await signInStatus('alex.morgan@harbourhill.example', firstPassword!)).toBe(401);
    // The people of other organisations are still there.
    expect(othersPeople()).toBe(othersBefore);
    const verify = await sopdesk(['audit', 'verify', '--org', 'harbour-and-hill']);
    expect(verify.code).toBe(0);
  });

  it('refuses an unknown command', async () => {
    const unknown = await sopdesk(['frobnicate']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});
