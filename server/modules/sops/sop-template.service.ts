import { streamOf } from '../../../common/audit-events';
import type { SopTemplates, SopTemplateSummary } from '../../../common/api/sop-templates';
import type { SopContent } from '../../../common/procedure/model';
import { BUILT_IN_TEMPLATES } from '../../../common/procedure/templates';
import type { Db } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError, alreadyInUse, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { canonicalJson } from '../audit/audit-hash';
import * as templateRepository from './sop-template.repository';

/** The built-in templates, then the organisation's own. */
export async function listSopTemplates(db: Db, actor: Actor): Promise<SopTemplates> {
  authorize(actor, 'library.read');
  const mayManage = can(actor, 'sop.create');
  const custom = await templateRepository.listSopTemplates(db, actor.orgId);
  return {
    items: [
      ...BUILT_IN_TEMPLATES.map(({ id, name, description }) => ({ id, name, description, builtIn: true, can: { delete: false } })),
      ...custom.map((template) => ({ ...template, builtIn: false, can: { delete: mayManage } })),
    ],
    can: { create: mayManage },
  };
}

function nameTaken(name: string): AppError {
  return alreadyInUse('body.name', `A template called "${name}" already exists.`);
}

/** Saves content (typically a good SOP's) as a template the organisation's authors can start from. */
export async function createSopTemplate(db: Db, actor: Actor, input: { name: string; description: string; content: SopContent }): Promise<SopTemplateSummary> {
  authorize(actor, 'sop.create');
  if (BUILT_IN_TEMPLATES.some((template) => template.name.toLowerCase() === input.name.toLowerCase())) throw nameTaken(input.name);
  return inTransaction(db, async (trx) => {
    if (await templateRepository.findSopTemplateByName(trx, actor.orgId, input.name)) throw nameTaken(input.name);
    const template = { id: newId(), org_id: actor.orgId, name: input.name, description: input.description, content: canonicalJson(input.content), created_by: actor.personId, created_at: now() };
    await templateRepository.insertSopTemplate(trx, template);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('org', actor.orgId),
      event: { type: 'sop-template.created', payload: { templateId: template.id, name: template.name, description: template.description } },
    });
    return { id: template.id, name: template.name, description: template.description, builtIn: false, can: { delete: true } };
  });
}

/** Removes one of the organisation's templates; SOPs started from it keep their content. */
export async function deleteSopTemplate(db: Db, actor: Actor, templateId: string): Promise<void> {
  authorize(actor, 'sop.create');
  await inTransaction(db, async (trx) => {
    const template = await templateRepository.findSopTemplate(trx, actor.orgId, templateId);
    if (!template) throw notFound('The template');
    await templateRepository.deleteSopTemplate(trx, actor.orgId, templateId);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('org', actor.orgId),
      event: { type: 'sop-template.deleted', payload: { templateId, name: template.name } },
    });
  });
}
