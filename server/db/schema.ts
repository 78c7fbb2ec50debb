import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are ISO 8601 strings in UTC on both engines, so that values compare and sort the
// same way everywhere; JSON is stored as text for the same reason (docs/decisions/0002).

export type OrganisationTable = {
  id: string;
  name: string;
  slug: string;
  created_at: string;
  /** Guards concurrent renames; starts at 1. */
  version: number;
  /** Set, in the same transaction, just before the organisation and everything in it are deleted (organisation-removal.ts). */
  removal_started_at?: string | null;
};

export type PersonTable = {
  id: string;
  org_id: string;
  name: string;
  email: string;
  status: 'active' | 'suspended';
  start_date: string | null;
  manager_id: string | null;
  password_hash: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

export type RoleTable = {
  id: string;
  org_id: string;
  name: string;
  description: string;
  /** JSON array of permission keys. */
  permissions: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export type PersonRoleTable = {
  org_id: string;
  person_id: string;
  role_id: string;
};

export type TeamTable = {
  id: string;
  org_id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export type TeamMemberTable = {
  org_id: string;
  team_id: string;
  person_id: string;
  is_lead: number;
  added_at: string;
};

export type SessionTable = {
  /** SHA-256 of the cookie's token: a leaked table cannot be replayed. */
  id: string;
  org_id: string;
  person_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
  ip: string | null;
};

export type ApiTokenTable = {
  id: string;
  org_id: string;
  person_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown so people can tell their tokens apart. */
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type PasswordResetTable = {
  id: string;
  org_id: string;
  person_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** Sign-in failures per key (email or address); not scoped to an organisation because it precedes sign-in. */
export type SignInThrottleTable = {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
};

export type AuditEventTable = {
  id: string;
  org_id: string;
  stream: string;
  seq: number;
  occurred_at: string;
  actor_id: string | null;
  type: string;
  /** Canonical JSON of the payload; null once erased. */
  payload: string | null;
  payload_digest: string;
  prev_hash: string;
  hash: string;
  erased_at: string | null;
};

export type Database = LibraryTables & {
  organisations: OrganisationTable;
  people: PersonTable;
  roles: RoleTable;
  person_roles: PersonRoleTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  password_resets: PasswordResetTable;
  sign_in_throttle: SignInThrottleTable;
  audit_events: AuditEventTable;
};

export type PersonRow = Selectable<PersonTable>;
export type RoleRow = Selectable<RoleTable>;
export type TeamRow = Selectable<TeamTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type PersonUpdate = Updateable<PersonTable>;
// Generated is re-exported for tables that later gain database-generated columns.
export type { Generated };

export type SopTable = {
  id: string;
  org_id: string;
  key: string;
  title: string;
  category: string;
  /** JSON array of channel names. */
  channels: string;
  /** JSON array of role names the SOP is for. */
  audience: string;
  owner_id: string | null;
  review_interval_months: number;
  process_id: string | null;
  published_version_id: string | null;
  /** YYYY-MM-DD: effective date (or last periodic review) + interval. */
  next_review_due: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
};

export type SopVersionTable = {
  id: string;
  org_id: string;
  sop_id: string;
  number: number;
  label: string;
  change_kind: 'major' | 'minor';
  change_summary: string;
  status: 'draft' | 'trial' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'superseded' | 'retired';
  /** JSON of SopContent. */
  content: string;
  /** SHA-256 of the canonical content: what approvers sign. */
  content_hash: string;
  /** Bumped by every save: autosave conflicts are detected on it. */
  revision: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  approved_at: string | null;
  effective_at: string | null;
  superseded_at: string | null;
};

export type SopParticipantTable = {
  id: string;
  org_id: string;
  version_id: string;
  person_id: string;
  kind: 'reviewer' | 'trial' | 'approver';
  added_at: string;
  completed_at: string | null;
};

export type SopCommentTable = {
  id: string;
  org_id: string;
  version_id: string;
  author_id: string;
  kind: 'review' | 'trial';
  section: string;
  step_id: string | null;
  body: string;
  status: 'open' | 'resolved' | 'accepted' | 'declined';
  resolution_note: string | null;
  resolved_by: string | null;
  created_at: string;
  resolved_at: string | null;
};

export type SopSignatureTable = {
  id: string;
  org_id: string;
  version_id: string;
  signer_id: string;
  meaning: string;
  content_hash: string;
  signed_at: string;
};

export type SopPeriodicReviewTable = {
  id: string;
  org_id: string;
  sop_id: string;
  version_id: string;
  reviewer_id: string;
  outcome: 'still-correct' | 'new-draft';
  note: string;
  reviewed_at: string;
};

export type ProcessTable = {
  id: string;
  org_id: string;
  name: string;
  description: string;
  category: string;
  channels: string;
  owner_id: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export type GovernedActionTable = {
  id: string;
  org_id: string;
  key: string;
  label: string;
  has_amount: number;
  created_at: string;
  /** Optimistic concurrency: each edit raises it. */
  version: number;
  /** Set when the action is no longer offered for new steps; steps that name it keep it. */
  retired_at: string | null;
};

export type SopTemplateTable = {
  id: string;
  org_id: string;
  name: string;
  description: string;
  content: string;
  created_by: string | null;
  created_at: string;
};

export type OrgSettingTable = {
  org_id: string;
  key: string;
  value: string;
  updated_at: string;
  version: number;
};

/** The full-text index: an FTS5 table on SQLite, a table with a generated tsvector on PostgreSQL. */
export type SopSearchTable = {
  sop_id: string;
  org_id: string;
  title: string;
  body: string;
  glossary: string;
};

export type LibraryTables = {
  sops: SopTable;
  sop_versions: SopVersionTable;
  sop_participants: SopParticipantTable;
  sop_comments: SopCommentTable;
  sop_signatures: SopSignatureTable;
  sop_periodic_reviews: SopPeriodicReviewTable;
  processes: ProcessTable;
  governed_actions: GovernedActionTable;
  sop_templates: SopTemplateTable;
  org_settings: OrgSettingTable;
  sop_search: SopSearchTable;
};

export type SopRow = Selectable<SopTable>;
export type SopVersionRow = Selectable<SopVersionTable>;
