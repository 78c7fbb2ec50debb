import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { recoverInterruptedFirstStart } from './serve';

const ROOT = path.resolve(import.meta.dirname, '..');
const MARKER = 'first-start.incomplete';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-first-start-'));
  dirs.push(dir);
  return dir;
}

function startServer(dir: string, port: number) {
  const child = spawn(process.execPath, ['bin/sopdesk.mjs', 'serve'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), SOPDESK_DATA_DIR: dir, PORT: String(port), SOPDESK_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const until = (condition: () => boolean, what: string, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (condition()) {
          clearInterval(poll);
          resolve();
        } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`${what} did not happen (exit ${child.exitCode}); output:\n${output.slice(-3000)}`));
        }
      }, 5);
    });
  return { child, output: () => output, until };
}

function tableCounts(file: string): { organisations: number; people: number; published: number } {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    return {
      organisations: count('select count(*) as n from organisations'),
      people: count('select count(*) as n from people'),
      published: count("select count(*) as n from sop_versions where status = 'published'"),
    };
  } finally {
    sqlite.close();
  }
}

describe('an interrupted first start', { timeout: 180_000 }, () => {
  it('leaves nothing to recover when the marker is absent, and ignores a marker about another database', () => {
    const dir = dataDir();
    const config = loadConfig({ SOPDESK_DATA_DIR: dir });
    fs.writeFileSync(config.database.kind === 'sqlite' ? config.database.file : '', 'kept');
    expect(recoverInterruptedFirstStart(config)).toBeNull();
    fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ into: 'sqlite:/somewhere/else.db' }));
    expect(recoverInterruptedFirstStart(config)).toBeNull();
    expect(fs.readFileSync(path.join(dir, 'sopdesk.db'), 'utf8')).toBe('kept');
  });

  it('never empties a PostgreSQL database: it stops and says what to do', () => {
    const dir = dataDir();
    const config = loadConfig({ SOPDESK_DATA_DIR: dir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ into: 'postgres://127.0.0.1:1/other' }));
    expect(recoverInterruptedFirstStart(config)).toBeNull();
    fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ into: 'postgres://127.0.0.1:1/none' }));
    expect(() => recoverInterruptedFirstStart(config)).toThrow(/PostgreSQL database holds part of it.*delete .*first-start\.incomplete/);
    expect(fs.existsSync(path.join(dir, MARKER))).toBe(true);
  });

  it('leaves the database alone while the start that wrote the marker is still running', () => {
    const dir = dataDir();
    const config = loadConfig({ SOPDESK_DATA_DIR: dir });
    const file = path.join(dir, 'sopdesk.db');
    fs.writeFileSync(file, 'being loaded');
    // The parent of this test process stands for a start that is still loading.
    fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ into: `sqlite:${file}`, pid: process.ppid }));
    expect(() => recoverInterruptedFirstStart(config)).toThrow(new RegExp(`Another sopdesk start \\(process ${process.ppid}\\) is loading`));
    expect(fs.readFileSync(file, 'utf8')).toBe('being loaded');
  });

  it('starts again from nothing after kill -9 in the middle of loading the demo, and ends with the whole demo', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'sopdesk.db');
    const port = 40_000 + Math.floor(Math.random() * 10_000);

    const first = startServer(dir, port);
    // Killed once the demo has begun to go in: people exist, the manual is not all published yet.
    await first.until(() => fs.existsSync(path.join(dir, MARKER)) && fs.existsSync(file) && tableCounts(file).people > 0, 'the demo load');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('close', resolve));
    const partial = tableCounts(file);
    expect(partial.organisations).toBe(1);
    expect(partial.published).toBeLessThan(12);
    expect(fs.existsSync(path.join(dir, 'demo-credentials.txt'))).toBe(false);

    const second = startServer(dir, port);
    await second.until(() => /Sign in as/.test(second.output()), 'the second start');
    expect(second.output()).toContain('The first start was stopped while it loaded the demo organisation; starting again from an empty database');
    expect(fs.existsSync(path.join(dir, MARKER))).toBe(false);
    expect(tableCounts(file)).toMatchObject({ organisations: 1, published: 12 });

    // The passwords it printed are the ones that work.
    const [, email, password] = /Administrator\s+(\S+)\s+(\S+)/.exec(second.output())!;
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    expect(fs.readFileSync(path.join(dir, 'demo-credentials.txt'), 'utf8')).toContain(password);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('close', resolve));
  });
});
