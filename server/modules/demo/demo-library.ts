import { SEEDED_ROLES } from '../../../common/permissions';
import type { Db } from '../../db/database';
import type { Actor } from '../../policy/policy';
import { createProcess } from '../processes/process.service';
import { approveVersion, completeReview, publishVersion, submitForReview } from '../sops/sop-lifecycle.service';
import { createSop } from '../sops/sop.service';
import { accidentSop } from './demo-manual-safety';
import { complaintSop, deliverySop, disputeSop, refundSop, replacementSop, returnSop } from './demo-manual-cases';
import { chatSop, emailSop, inPersonSop, phoneSop, socialSop } from './demo-manual-channels';
import { DEMO_PROCESSES } from './demo-processes';
import type { DemoSop } from './demo-steps';

/** The demo organisation's manual, in the order it is written. */
export const DEMO_MANUAL: readonly DemoSop[] = [
  complaintSop,
  refundSop,
  returnSop,
  replacementSop,
  disputeSop,
  deliverySop,
  accidentSop,
  phoneSop,
  emailSop,
  chatSop,
  socialSop,
  inPersonSop,
];

export type DemoLibraryPeople = {
  author: { id: string; role: string };
  reviewer: { id: string; role: string };
  approver: { id: string; role: string; password: string };
};

function actorOf(orgId: string, person: { id: string; role: string }): Actor {
  const role = SEEDED_ROLES.find((candidate) => candidate.name === person.role);
  if (!role) throw new Error(`No seeded role "${person.role}".`);
  return { personId: person.id, orgId, permissions: new Set(role.permissions), via: 'session' };
}

/**
 * Writes the process register and the manual through the same services people use: each SOP is
 * created, sent for review, reviewed, signed with the approver's password and published, so its
 * audit trail is the one a real SOP would have.
 */
export async function loadDemoLibrary(db: Db, orgId: string, people: DemoLibraryPeople): Promise<{ processes: number; published: number }> {
  const author = actorOf(orgId, people.author);
  const reviewer = actorOf(orgId, people.reviewer);
  const approver = actorOf(orgId, people.approver);

  const processIds = new Map<string, string>();
  for (const process of DEMO_PROCESSES) {
    const created = await createProcess(db, author, { ...process, ownerId: people.author.id });
    processIds.set(process.name, created.id);
  }

  for (const sop of DEMO_MANUAL) {
    const processId = processIds.get(sop.process);
    if (!processId) throw new Error(`${sop.key} covers "${sop.process}", which is not in the demo register.`);
    const { content, process: _process, ...metadata } = sop;
    const { sop: created, versionId } = await createSop(db, author, { ...metadata, ownerId: people.author.id, processId, templateId: 'simple-list' }, { content, changeSummary: 'First version.' });
    await submitForReview(db, author, created.id, versionId, { reviewerIds: [people.reviewer.id], approverIds: [people.approver.id] });
    await completeReview(db, reviewer, created.id, versionId);
    await approveVersion(db, approver, created.id, versionId, { password: people.approver.password, meaning: 'approved-for-use' });
    await publishVersion(db, approver, created.id, versionId, null);
  }
  return { processes: DEMO_PROCESSES.length, published: DEMO_MANUAL.length };
}
