import type { GovernedActionRef, RecordField, SopContent, Step } from '../../../common/procedure/model';

// The words both renderers use for the parts of a step, so the HTML and the PDF read the same.

export type ProcedureContext = {
  /** Keys of the SOPs in this manual: references to them become links. */
  keys: ReadonlySet<string>;
  governedActions: ReadonlyMap<string, string>;
};

/** A short tag for steps that are not plain actions. */
export function describeStepKind(step: Step): string | null {
  if (step.kind === 'decision') return 'Decision';
  if (step.kind === 'referral') return 'Referral';
  if (step.kind === 'record') return 'Record';
  return null;
}

/** "Refund, with an amount" */
export function describeAction(action: GovernedActionRef, context: ProcedureContext): string {
  const label = context.governedActions.get(action.key) ?? action.key.replace(/-/g, ' ');
  return action.hasAmount ? `${label}, with an amount` : label;
}

/** "Amount (number, required)" or "Outcome (one of: Refunded, Declined)" */
export function describeRecordField(field: RecordField): string {
  const kind = field.type === 'choice' && field.options?.length ? `one of: ${field.options.join(', ')}` : field.type;
  return `${field.label} (${kind}${field.required ? ', required' : ''})`;
}

/** "a note and an attachment": what a record step captures besides its fields; empty when nothing. */
export function describeRecordExtras(record: NonNullable<Step['record']>): string {
  return [record.note ? 'a note' : '', record.attachment ? 'an attachment' : ''].filter(Boolean).join(' and ');
}

const REFERENCE_KINDS: Record<SopContent['references'][number]['kind'], string> = { sop: 'SOP', policy: 'Policy', document: 'Document', link: 'Link' };

/** "SOP CS-REF-001 — Refund a purchase", "Policy: Complaints policy" */
export function referenceText(reference: SopContent['references'][number]): string {
  const kind = REFERENCE_KINDS[reference.kind];
  if (reference.kind === 'sop') return reference.label ? `${kind} ${reference.target} — ${reference.label}` : `${kind} ${reference.target}`;
  if (reference.kind === 'link') return reference.label ? `${reference.label} (${reference.target})` : reference.target;
  return reference.label && reference.label !== reference.target ? `${kind}: ${reference.label} (${reference.target})` : `${kind}: ${reference.target}`;
}
