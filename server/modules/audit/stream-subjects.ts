import type { Executor } from '../../db/database';

/** The tables a stream's kind is about, and the column that names a row for people to read. */
const SUBJECTS = {
  org: { table: 'organisations', label: 'name' },
  person: { table: 'people', label: 'name' },
  role: { table: 'roles', label: 'name' },
  team: { table: 'teams', label: 'name' },
  sop: { table: 'sops', label: 'key' },
  process: { table: 'processes', label: 'name' },
} as const;

type Kind = keyof typeof SUBJECTS;

function isKind(kind: string): kind is Kind {
  return Object.hasOwn(SUBJECTS, kind);
}

/**
 * What each stream is about, by name ("person:…" → "Alex Morgan", "sop:…" → "HH-REF-001"), for
 * the streams of one page of events: one query per kind, for that page's ids only, in the
 * organisation. A stream whose subject is gone (or of a kind without a name) is left out.
 */
export async function describeStreams(db: Executor, orgId: string, streams: readonly string[]): Promise<Map<string, string>> {
  const idsByKind = new Map<Kind, Set<string>>();
  for (const stream of streams) {
    const [kind, id] = stream.split(':', 2);
    if (!kind || !id || !isKind(kind)) continue;
    if (!idsByKind.has(kind)) idsByKind.set(kind, new Set());
    idsByKind.get(kind)!.add(id);
  }
  const subjects = new Map<string, string>();
  for (const [kind, ids] of idsByKind) {
    const { table, label } = SUBJECTS[kind];
    // An organisation's own row is keyed by its id; every other table by (org_id, id).
    let query = db.selectFrom(table).select(['id', `${label} as label`]).where('id', 'in', [...ids]);
    if (table !== 'organisations') query = query.where('org_id', '=', orgId);
    else query = query.where('id', '=', orgId);
    for (const row of (await query.execute()) as Array<{ id: string; label: string }>) subjects.set(`${kind}:${row.id}`, row.label);
  }
  return subjects;
}
