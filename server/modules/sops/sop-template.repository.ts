import type { Executor } from '../../db/database';

export type SopTemplateRow = { id: string; org_id: string; name: string; description: string; content: string; created_by: string | null; created_at: string };

/** The organisation's own templates, by name. */
export function listSopTemplates(db: Executor, orgId: string) {
  return db.selectFrom('sop_templates').select(['id', 'name', 'description']).where('org_id', '=', orgId).orderBy('name').execute();
}

export function findSopTemplate(db: Executor, orgId: string, templateId: string) {
  return db.selectFrom('sop_templates').selectAll().where('org_id', '=', orgId).where('id', '=', templateId).executeTakeFirst();
}

export function findSopTemplateByName(db: Executor, orgId: string, name: string) {
  return db.selectFrom('sop_templates').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export async function insertSopTemplate(db: Executor, template: SopTemplateRow): Promise<void> {
  await db.insertInto('sop_templates').values(template).execute();
}

export async function deleteSopTemplate(db: Executor, orgId: string, templateId: string): Promise<void> {
  await db.deleteFrom('sop_templates').where('org_id', '=', orgId).where('id', '=', templateId).execute();
}
