import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real command, as a person runs it: `node bin/sopdesk.mjs import …` on a SQLite database in a
// temporary data directory (the API tests cover both engines).

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('sopdesk import (command line)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-import-cli-'));
  const file = (name: string, content: string | Uint8Array) => {
    const target = path.join(dataDir, name);
    fs.writeFileSync(target, content);
    return target;
  };
  const sopdesk = (...args: string[]) => {
    const environment: Record<string, string | undefined> = { ...process.env, SOPDESK_DATA_DIR: dataDir, SOPDESK_LOG_LEVEL: 'silent' };
    delete environment.DATABASE_URL;
    const result = spawnSync(process.execPath, ['bin/sopdesk.mjs', ...args], { cwd: ROOT, env: environment, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const listSops = () => JSON.parse(sopdesk('export', 'list', '--format', 'json').stdout) as Array<{ key: string; title: string; status: string }>;

  let good: string;

  beforeAll(() => {
    expect(sopdesk('user', 'add', '--email', 'author@example.test', '--name', 'Ada Author', '--role', 'Quality manager').status).toBe(0);
    expect(sopdesk('user', 'add', '--email', 'agent@example.test', '--name', 'Abe Agent', '--role', 'Agent').status).toBe(0);
    good = file('gift-wrap.md', '---\ntitle: Wrap a gift in store\ncategory: In person\n---\n\n## Steps\n\n1. Ask whether the receipt should go in the box.\n2. Wrap the item in the seasonal paper.\n');
  }, 60_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints the per-line report as JSON on a dry run and writes nothing', () => {
    const run = sopdesk('import', good, '--dry-run');
    expect(run.status).toBe(0);
    const [report] = JSON.parse(run.stdout);
    expect(report).toMatchObject({ path: good, dryRun: true, sop: null, metadata: { title: 'Wrap a gift in store', category: 'In person' }, stats: { steps: 2 } });
    expect(report.report.items).toContainEqual(expect.objectContaining({ kind: 'mapped', line: expect.any(Number), target: 'procedure' }));
    expect(listSops()).toEqual([]);
  }, 60_000);

  it('imports each good file as a draft, refuses the empty and binary ones with a reason, and exits 1', () => {
    const empty = file('empty.md', '\n  \n');
    const binary = file('photo.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    const run = sopdesk('import', good, empty, binary, '--as', 'author@example.test');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Imported .*gift-wrap\.md as CS-IMP-001 "Wrap a gift in store" \(draft 1\.0\): 2 steps/);
    expect(run.stderr).toContain('sopdesk: empty.md was refused: The file is empty');
    expect(run.stderr).toContain('sopdesk: photo.md was refused: The file contains NUL bytes');
    expect(listSops()).toEqual([expect.objectContaining({ key: 'CS-IMP-001', title: 'Wrap a gift in store', status: 'draft' })]);
  }, 60_000);

  it('refuses to import as someone who may not write SOPs, or a file that does not exist', () => {
    const asAgent = sopdesk('import', good, '--as', 'agent@example.test');
    expect(asAgent.status).toBe(1);
    expect(asAgent.stderr).toContain('Abe Agent holds no role that may write SOPs');
    const missing = sopdesk('import', path.join(dataDir, 'nowhere.md'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.md could not be read: there is no such file\./);
  }, 60_000);

  it('reads back what `export sop --format md` wrote', () => {
    const exported = sopdesk('export', 'sop', 'CS-IMP-001', '--format', 'md');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/^---\nsopdesk: 1\nkey: CS-IMP-001\n/);
    const again = sopdesk('import', file('exported.md', exported.stdout), '--dry-run');
    const [report] = JSON.parse(again.stdout);
    expect(report.stats.steps).toBe(2);
    expect(report.metadata).toMatchObject({ title: 'Wrap a gift in store', category: 'In person', key: 'CS-IMP-002' });
    expect(report.report.items).toContainEqual(expect.objectContaining({ kind: 'warning', message: expect.stringContaining('CS-IMP-001 is already used') }));
    // Refusals and dry runs wrote nothing: the one SOP is the one imported above.
    expect(listSops()).toHaveLength(1);
  }, 60_000);
});
