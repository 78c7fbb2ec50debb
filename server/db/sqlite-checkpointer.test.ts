import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints } from './sqlite-checkpointer';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function walDatabase() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-checkpoint-'));
  folders.push(folder);
  const file = path.join(folder, 'test.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // Only the worker may move pages from the log into the database file in this test.
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.exec('create table notes (id integer primary key, body text not null)');
  const insert = sqlite.prepare('insert into notes (body) values (?)');
  sqlite.transaction(() => {
    for (let row = 0; row < 2000; row++) insert.run(`note ${row} `.repeat(20));
  })();
  return { file, sqlite };
}

describe('background WAL checkpoints', () => {
  it('moves the log into the database file from a worker thread, and stops when asked', async () => {
    const { file, sqlite } = walDatabase();
    const before = fs.statSync(file).size;
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(before);

    const checkpointer = startBackgroundCheckpoints(file, { intervalMs: 50 });
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size <= before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fs.statSync(file).size).toBeGreaterThan(before);
    expect(sqlite.prepare('select count(*) as n from notes').get()).toEqual({ n: 2000 });

    await checkpointer.stop();
    await checkpointer.stop();
    sqlite.close();
  });

  it('reports a file it cannot open, and still stops cleanly', async () => {
    const errors: string[] = [];
    const checkpointer = startBackgroundCheckpoints(path.join(os.tmpdir(), 'no-such-folder-sopdesk', 'x', 'test.db'), { intervalMs: 50, onError: (message) => errors.push(message) });
    const deadline = Date.now() + 10_000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors.join(' ')).toMatch(/unable to open|directory does not exist|SQLITE_CANTOPEN/i);
    await checkpointer.stop();
  });
});
