/**
 * Issue 3, performance: importing 1,000 Markdown SOPs on SQLite at ≥ 200 SOPs/s — an absolute
 * rate by the definition. Runs in this process through the real import service, one file
 * after another as `sopdesk import PATH…` does (parse, map, check, then one transaction with the
 * SOP, its draft and their audit events, sop.imported among them), over a fresh migrated SQLite
 * file per round; the median over BENCH_ROUNDS is the figure. Same-run reference (context): parsing
 * alone, importMarkdown without the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPermission } from '../common/permissions';
import { seededRandom } from '../common/seeded-random';
import { openDatabase } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { importMarkdown } from '../server/modules/sop-markdown';
import { importSopDocument } from '../server/modules/sop-markdown/sop-import.service';
import { createOrganisation } from '../server/modules/organisations/organisation.service';
import { addPersonWithPassword } from '../server/modules/people/person-admin.service';
import { findRolesOfPerson, parsePermissions } from '../server/modules/roles/role.repository';
import type { Actor } from '../server/policy/policy';
import { defineBenchmark } from './harness';
import { onCleanup } from './lifecycle';
import { median } from './report';
import { CHANNELS, instruction, pick, ROLES, sentence, TOPICS, vocabularyOf } from './sop-words';

const COUNT = 1000;

/** An ordinary Markdown SOP as people write them: front matter, sections, numbered and nested lists, an If/Otherwise pair. */
export function markdownSop(index: number): string {
  const random = seededRandom(7919 * (index + 1));
  const topic = TOPICS[index % TOPICS.length]!;
  const words = vocabularyOf(random, topic);
  const say = () => sentence(random, words);
  const step = () => instruction(random, words);
  const lines = [
    '---',
    `key: CS-${topic.code}-${String(index + 1).padStart(4, '0')}`,
    `title: Handle a ${pick(random, words.adjectives)} ${topic.subject} ${index + 1}`,
    `category: ${topic.category}`,
    `channels: [${[...new Set([pick(random, CHANNELS), pick(random, CHANNELS)])].join(', ')}]`,
    `audience: [${pick(random, ROLES)}]`,
    'review_interval: 12 months',
    '---',
    '',
    `# Handle a ${topic.subject}`,
    '',
    '## Purpose',
    '',
    `${say()} ${say()}`,
    '',
    '## Scope',
    '',
    say(),
    '',
    '## Responsibilities',
    '',
    `- **${ROLES[0]}**: ${say()}`,
    `- **${ROLES[3]}**: ${say()}`,
    '',
    '## Procedure',
    '',
    `1. ${step()}`,
    `2. ${step()}`,
    `   1. ${step()}`,
    `   2. ${step()}`,
    `3. If the ${topic.nouns[0]} is ${topic.adjectives[0]}, refer the case to a supervisor.`,
    `4. Otherwise, ${step().replace(/^./, (letter) => letter.toLowerCase())}`,
    `5. ${step()}`,
    `   - ${say()}`,
    `   - ${say()}`,
    `6. ${step()}`,
    '',
    '## Health and safety',
    '',
    'None.',
    '',
    '## Equipment',
    '',
    '- The case system',
    '- A headset',
    '',
    '## Glossary',
    '',
    `- **${topic.nouns[1]}**: ${say()}`,
    `- **${topic.nouns[2]}**: ${say()}`,
    '',
    '## Hints and tips',
    '',
    say(),
    '',
  ];
  return lines.join('\n');
}

async function importRound(files: { name: string; bytes: Buffer }[]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-bench-import-'));
  // Opened as `sopdesk import` opens it, with the WAL checkpointed on a worker thread.
  const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'import.db') }, { backgroundCheckpoints: true });
  const release = onCleanup(
    `import database ${dir}`,
    async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    () => fs.rmSync(dir, { recursive: true, force: true }),
  );
  try {
    await migrateToLatest(handle.db);
    const { organisation } = await createOrganisation(handle.db, { name: 'Import bench', slug: 'import-bench' });
    const { id } = await addPersonWithPassword(handle.db, {
      orgId: organisation.id,
      roleName: 'Administrator',
      name: 'Bench Importer',
      email: 'importer@example.test',
      password: 'copper-lantern-meadow-4471',
    });
    const roles = await findRolesOfPerson(handle.db, organisation.id, id);
    const actor: Actor = { personId: id, orgId: organisation.id, permissions: new Set(roles.flatMap(parsePermissions).filter(isPermission)), via: 'session' };
    const started = performance.now();
    for (const file of files) {
      const result = await importSopDocument(handle.db, actor, { fileName: file.name, bytes: file.bytes, dryRun: false });
      if (!result.sop) throw new Error(`${file.name} was not imported`);
    }
    const seconds = (performance.now() - started) / 1000;
    const stored = await handle.db.selectFrom('sops').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(stored.n) !== files.length) throw new Error(`expected ${files.length} SOPs after the import, found ${stored.n}`);
    return files.length / seconds;
  } finally {
    await release();
  }
}

export default defineBenchmark({
  name: 'import-throughput',
  description: 'sopdesk import of 1,000 Markdown SOPs on SQLite, in SOPs per second (absolute), with parsing alone as context',
  async run(ctx) {
    if (ctx.options.database.kind === 'postgres') {
      ctx.note('import-throughput: SQLite only (the issue sets the rate on SQLite); skipped on PostgreSQL');
      return;
    }
    const files = Array.from({ length: COUNT }, (_, index) => ({ name: `sop-${index + 1}.md`, bytes: Buffer.from(markdownSop(index)) }));
    const first = importMarkdown(files[0]!.bytes, { fileName: files[0]!.name });
    if (first.report.summary.decisions < 1 || first.report.summary.steps < 8) {
      throw new Error(`the generated Markdown did not import as intended: ${first.report.summary.text}`);
    }
    const parseRates: number[] = [];
    const importRates: number[] = [];
    for (let round = 1; round <= ctx.options.rounds; round++) {
      const started = performance.now();
      for (const file of files) importMarkdown(file.bytes, { fileName: file.name });
      parseRates.push(files.length / ((performance.now() - started) / 1000));
      importRates.push(await importRound(files));
      ctx.note(`import-throughput round ${round}: import ${importRates.at(-1)!.toFixed(0)} SOPs/s, parse only ${parseRates.at(-1)!.toFixed(0)} SOPs/s`);
    }
    const averageBytes = files.reduce((sum, file) => sum + file.bytes.length, 0) / files.length;
    ctx.note(
      `import-throughput: ${COUNT} Markdown files (${Math.round(averageBytes)} bytes on average; ${first.report.summary.text}); ` +
        `parsing alone (importMarkdown, no database) ${median(parseRates).toFixed(0)} SOPs/s (median over rounds)`,
    );
    ctx.figure({ name: 'import-throughput', value: median(importRates), unit: 'sops/s', target: { op: '>=', value: 200 }, digits: 0 });
  },
});
