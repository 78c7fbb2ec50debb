#!/usr/bin/env node
// `npm test`: runs every suite this machine can run and says plainly what it skipped.
//   - rules and API tests on SQLite, always;
//   - the same API tests on PostgreSQL when TEST_DATABASE_URL is set;
//   - the browser journeys when Chromium is installed (CHROMIUM_PATH or /usr/bin/chromium);
//   - reading the exported PDF manual back with pdftotext, when poppler-utils is installed.
// With SOPDESK_REQUIRE_ALL=1 (CI) a skipped suite is a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const requireAll = process.env.SOPDESK_REQUIRE_ALL === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const extraArgs = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedSuites = [];
let failedRuns = 0;

function runVitest(label, config, env = {}) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-vitest-')), 'report.json');
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  if (fs.existsSync(report)) {
    const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + summary.numTodoTests;
    if (summary.numTotalTests === 0) {
      console.error(`${label}: no test ran`);
      failedRuns++;
    }
  }
  if (result.status !== 0) failedRuns++;
}

runVitest(
  process.env.TEST_DATABASE_URL ? 'rules and API tests (SQLite and PostgreSQL)' : 'rules and API tests (SQLite)',
  'vitest.config.ts',
);
if (!process.env.TEST_DATABASE_URL) skippedSuites.push('API tests on PostgreSQL (set TEST_DATABASE_URL=postgres://… to run them)');

if (fs.existsSync(chromium)) {
  const built = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) failedRuns++;
  else runVitest('browser journeys (Chromium)', 'e2e/vitest.config.ts', { CHROMIUM_PATH: chromium });
} else {
  skippedSuites.push(`browser journeys (no Chromium at ${chromium}; apt-get install chromium, or set CHROMIUM_PATH)`);
}

function hasCommand(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
if (!hasCommand('pdftotext', ['-v'])) skippedSuites.push('reading the PDF manual back with pdftotext (apt-get install poppler-utils)');

console.log('');
for (const suite of skippedSuites) console.log(`SKIPPED: ${suite}`);
if (requireAll && skippedSuites.length > 0) {
  console.log('SOPDESK_REQUIRE_ALL=1: skipped suites count as failures.');
  failedRuns++;
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedRuns > 0 || totals.failed > 0 ? 1 : 0);
