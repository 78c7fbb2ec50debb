import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../modules/audit/audit.service';
import { openDatabase } from './database';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITES_BEFORE_KILL = 150;

type Killed = { orgId: string; busyTeamId: string; written: number };

/** Starts the writer, waits until it has committed some writes, and kills it with SIGKILL. */
function runWriterAndKill(file: string): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'server/test/crash-writer.ts', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    let ready: { orgId: string; busyTeamId: string } | undefined;
    let written = 0;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const readyLine = /^ready (\S+) (\S+)$/m.exec(output);
      if (readyLine) ready = { orgId: readyLine[1]!, busyTeamId: readyLine[2]! };
      for (const match of output.matchAll(/^written (\d+)$/gm)) written = Math.max(written, Number(match[1]));
      // Killed in the middle of whatever it is doing: most likely inside a transaction.
      if (ready && written >= WRITES_BEFORE_KILL && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' || !ready) reject(new Error(`writer ended on its own (code ${code}): ${stderr.slice(0, 2000)}`));
      else resolve({ ...ready, written });
    });
  });
}

// A SQLite-only concern: the embedded file must survive the process dying at any instant.
describe('crash consistency of the embedded database', { timeout: 120_000 }, () => {
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-crash-'));
    file = path.join(dir, 'sopdesk.db');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the file intact, every audit chain verifiable and every change with its event after kill -9', async () => {
    // Twice on the same file: the second writer starts on the state the first one left behind.
    const runs = [await runWriterAndKill(file), await runWriterAndKill(file)];

    const handle = openDatabase({ kind: 'sqlite', file });
    try {
      expect(handle.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(handle.sqlite!.pragma('foreign_key_check')).toEqual([]);
      for (const run of runs) {
        const verification = await verifyAuditChains(handle.db, run.orgId);
        expect(verification.ok, JSON.stringify(verification.firstBreak)).toBe(true);
        expect(verification.eventsChecked).toBeGreaterThan(run.written);

        // A change and its audit event commit together: the busy team's version counts exactly
        // the changes recorded in its stream, and every team that exists has its creation event.
        const busy = await handle.db.selectFrom('teams').select('version').where('id', '=', run.busyTeamId).executeTakeFirstOrThrow();
        const busyEvents = await handle.db.selectFrom('audit_events').select('type').where('stream', '=', `team:${run.busyTeamId}`).execute();
        expect(busyEvents.filter((event) => event.type !== 'team.created')).toHaveLength(busy.version - 1);
        const teams = await handle.db.selectFrom('teams').select('id').where('org_id', '=', run.orgId).execute();
        const created = await handle.db.selectFrom('audit_events').select('stream').where('org_id', '=', run.orgId).where('type', '=', 'team.created').execute();
        expect(new Set(created.map((event) => event.stream))).toEqual(new Set(teams.map((team) => `team:${team.id}`)));
      }
    } finally {
      await handle.close();
    }
  });
});
