import type { VersionStatus } from '../../../common/api/sops';
import type { ChangeKind, SopContent } from '../../../common/procedure/model';

// Shared vocabulary of the sopdesk Markdown format (see FORMAT.md): what the exporter writes and the
// reader expects.

/** The front-matter marker that says "this file is sopdesk Markdown, read it exactly". */
export const FORMAT_MARKER = 'sopdesk';
export const FORMAT_VERSION = 1;

/** What a version adds to the SOP's metadata in an exported file. */
export type SopVersionInfo = {
  /** "1.0", "2.3" … */
  label: string;
  changeKind: ChangeKind;
  changeSummary: string;
  /** Present when the exported version had one (a draft being edited elsewhere has none to report). */
  status?: VersionStatus;
};

/** Info string of a fenced block whose content is a JSON string: the exact text of a field that plain Markdown could not carry. */
export const EXACT_TEXT_FENCE = 'sopdesk-json';

export const TEXT_SECTION_KEYS = ['purpose', 'scope', 'healthAndSafety', 'equipment', 'tips'] as const satisfies ReadonlyArray<keyof SopContent>;
export type TextSectionKey = (typeof TEXT_SECTION_KEYS)[number];

/** Label of each reference kind in the References list. */
export const REFERENCE_KIND_LABELS = { sop: 'SOP', policy: 'Policy', document: 'Document', link: 'Link' } as const;

/** Separates a reference's target from its label: `- **SOP**: CS-REF-001 — Refund a purchase`. */
export const REFERENCE_LABEL_SEPARATOR = ' — ';
