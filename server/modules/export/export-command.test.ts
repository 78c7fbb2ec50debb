import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app';
import { registerExportCommands } from '../../cli/export-command';
import { openDatabase, type DatabaseHandle } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { AppError } from '../../errors/app-error';
import type { App } from '../../http/types';
import { asSession, buildOrganisation, buildPerson, signInAs } from '../../test/factories';
import { testConfig } from '../../test/harness';
import { createSopViaApi, publishViaApi } from '../../test/sop-factories';
import { countPdfPages } from './export-inspection';

// The command opens the database the configuration names, as `sopdesk` does: so this runs on a
// SQLite file in a temporary data directory (the API tests cover both engines).

describe('sopdesk export (command line)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-export-cli-'));
  const savedEnvironment = { SOPDESK_DATA_DIR: process.env.SOPDESK_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  let handle: DatabaseHandle;
  let app: App;

  beforeAll(async () => {
    process.env.SOPDESK_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const config = testConfig({ SOPDESK_DATA_DIR: dataDir });
    handle = openDatabase(config.database);
    await migrateToLatest(handle.db);
    app = await buildApp({ config, db: handle.db });
    await app.ready();
    const { orgId } = await buildOrganisation(handle.db, 'Acme Retail');
    const author = await buildPerson(handle.db, orgId, 'Quality manager');
    const approver = await buildPerson(handle.db, orgId, 'Quality manager');
    const reviewer = await buildPerson(handle.db, orgId, 'Supervisor');
    const asAuthor = asSession(app, await signInAs(app, author));
    const created = await createSopViaApi(asAuthor, { key: 'CS-REF-001', title: 'Refund a purchase', category: 'Refunds' });
    await publishViaApi(asAuthor, asSession(app, await signInAs(app, approver)), approver.password, created.sopId, created.versionId, reviewer.id, asSession(app, await signInAs(app, reviewer)));
    await createSopViaApi(asAuthor, { key: 'CS-CMP-001', title: 'Handle a complaint', category: 'Complaints' });
  });

  afterAll(async () => {
    await app.close();
    await handle.close();
    for (const [name, value] of Object.entries(savedEnvironment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string[]> {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
      registerExportCommands(program);
      await program.parseAsync(['export', ...args], { from: 'user' });
      return printed;
    } finally {
      log.mockRestore();
    }
  }

  it('lists every SOP as JSON', async () => {
    const [output] = await run('list', '--format', 'json');
    expect(JSON.parse(output!)).toEqual([
      { key: 'CS-CMP-001', title: 'Handle a complaint', category: 'Complaints', status: 'draft', currentVersion: { label: '1.0', status: 'draft', effectiveAt: null }, nextReviewDue: null },
      expect.objectContaining({ key: 'CS-REF-001', status: 'published', currentVersion: expect.objectContaining({ label: '1.0', status: 'published' }) }),
    ]);
  });

  it('writes the manual as PDF and as HTML', async () => {
    const pdfFile = path.join(dataDir, 'manual.pdf');
    const [summary] = await run('manual', '--format', 'pdf', '--out', pdfFile);
    expect(summary).toMatch(/^Wrote the manual of Acme Retail: 1 published SOP to .*manual\.pdf/);
    const pdf = fs.readFileSync(pdfFile);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(countPdfPages(pdf)).toBeGreaterThanOrEqual(3);

    const htmlFile = path.join(dataDir, 'manual.html');
    await run('manual', '--format', 'html', '--out', htmlFile);
    const html = fs.readFileSync(htmlFile, 'utf8');
    expect(html).toContain('CS-REF-001');
    expect(html).not.toContain('CS-CMP-001');
  });

  it('refuses an unknown format, organisation or folder with a clear reason', async () => {
    await expect(run('manual', '--format', 'docx', '--out', path.join(dataDir, 'x'))).rejects.toBeInstanceOf(CommanderError);
    await expect(run('manual', '--format', 'pdf', '--out', path.join(dataDir, 'x.pdf'), '--org', 'nobody')).rejects.toThrow(new AppError('validation_failed', '--org: no organisation "nobody".'));
    await expect(run('manual', '--format', 'pdf', '--out', path.join(dataDir, 'missing', 'x.pdf'))).rejects.toThrow(/--out: the folder .* does not exist/);
    expect(fs.existsSync(path.join(dataDir, 'x.pdf'))).toBe(false);
  });
});
