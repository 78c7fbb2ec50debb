/**
 * Setup module (runs inside the bench server, before it listens): 10,000 published SOPs
 * (BENCH_SEED_SOPS overrides), written in bulk with the rows publishing leaves behind — the SOP
 * with its published_version_id and next review date, its version 1.0 (status published, content
 * JSON that the model accepts, content hash), and its full-text index entry written by the
 * product's own insertSearchDocuments, exactly what writeSearchDocument inserts. Left out: the
 * audit events of the lifecycle (search never reads them, and a hash chain cannot be written in
 * bulk).
 */
import { sql } from 'kysely';
import { sopContentSchema } from '../common/procedure/model';
import type { SopTable, SopVersionTable } from '../server/db/schema';
import { newId } from '../server/db/ids';
import { addMonths, hashContent } from '../server/modules/sops/sop-content';
import { insertSearchDocuments, searchDocumentOf, type SopToIndex } from '../server/modules/sops/sop-search.repository';
import type { BenchSetup } from './harness';
import { generateSop } from './sop-words';

const BATCH = 250;

const setup: BenchSetup = async ({ db, dialect, orgId, adminId }) => {
  const started = Date.now();
  const count = Number(process.env.BENCH_SEED_SOPS || 10_000);
  const effectiveAt = new Date().toISOString();
  const due = addMonths(effectiveAt, 12);
  let bodyChars = 0;
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < count; from += BATCH) {
      const sops: SopTable[] = [];
      const versions: SopVersionTable[] = [];
      const documents: SopToIndex[] = [];
      for (let index = from; index < Math.min(count, from + BATCH); index++) {
        const generated = generateSop(index);
        const content = sopContentSchema.parse(generated.content);
        const sopId = newId();
        const versionId = newId();
        const sop: SopTable = {
          id: sopId,
          org_id: orgId,
          key: generated.key,
          title: generated.title,
          category: generated.category,
          channels: JSON.stringify(generated.channels),
          audience: JSON.stringify(generated.audience),
          owner_id: adminId,
          review_interval_months: 12,
          process_id: null,
          published_version_id: versionId,
          next_review_due: due,
          retired_at: null,
          created_at: effectiveAt,
          updated_at: effectiveAt,
          version: 2,
        };
        sops.push(sop);
        versions.push({
          id: versionId,
          org_id: orgId,
          sop_id: sopId,
          number: 1,
          label: '1.0',
          change_kind: 'major',
          change_summary: 'First version.',
          status: 'published',
          content: JSON.stringify(content),
          content_hash: hashContent(content),
          revision: 1,
          created_by: adminId,
          created_at: effectiveAt,
          updated_at: effectiveAt,
          submitted_at: effectiveAt,
          approved_at: effectiveAt,
          effective_at: effectiveAt,
          superseded_at: null,
        });
        bodyChars += searchDocumentOf(sop, content).body.length;
        documents.push({ sop, versionLabel: '1.0', content });
      }
      await trx.insertInto('sops').values(sops).execute();
      await trx.insertInto('sop_versions').values(versions).execute();
      await insertSearchDocuments(trx, documents);
    }
  });
  // What autovacuum would have done on a database that grew to this size over months: the
  // planner's statistics, and the index entries GIN parks in its pending list (which every search,
  // the bare baseline's too, reads in full) merged into the index.
  if (dialect === 'postgres') {
    await sql`vacuum sop_search`.execute(db);
    await sql`analyze`.execute(db);
  }
  return { sops: count, averageBodyChars: Math.round(bodyChars / count), seedSeconds: (Date.now() - started) / 1000 };
};

export default setup;
