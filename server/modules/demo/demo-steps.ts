import type { Branch, RecordField, SopContent, Step } from '../../../common/procedure/model';

// Small builders for the demo manual, so that each SOP reads as its steps rather than as object syntax.

/** One SOP of the demo manual: its metadata, the process it covers, and its content. */
export type DemoSop = {
  key: string;
  title: string;
  category: string;
  channels: string[];
  audience: string[];
  reviewIntervalMonths: number;
  /** Name of the process in the register that this SOP covers. */
  process: string;
  content: SopContent;
};

export const act = (id: string, text: string, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text, ...more });

export const refer = (id: string, text: string, referTo: string, more: Partial<Step> = {}): Step => ({ id, kind: 'referral', text, referTo, ...more });

export const decide = (id: string, text: string, branches: Branch[], more: Partial<Step> = {}): Step => ({ id, kind: 'decision', text, branches, ...more });

/** A branch that rejoins the procedure, or ends it with `outcome`. */
export const branch = (id: string, label: string, steps: Step[], outcome?: string): Branch => (outcome ? { id, label, steps, end: { outcome } } : { id, label, steps });

export const field = (key: string, label: string, type: RecordField['type'] = 'text', options?: string[]): RecordField =>
  options ? { key, label, type, required: true, options } : { key, label, type, required: true };

export const optional = (recordField: RecordField): RecordField => ({ ...recordField, required: false });

export const record = (id: string, text: string, fields: RecordField[], more: { note?: boolean; attachment?: boolean; detail?: string; role?: string } = {}): Step => {
  const { note, attachment, ...rest } = more;
  return { id, kind: 'record', text, record: { fields, ...(note ? { note } : {}), ...(attachment ? { attachment } : {}) }, ...rest };
};
