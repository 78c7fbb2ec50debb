// Performs audited writes on a SQLite file as fast as it can until it is killed; the
// crash-consistency test kills it with SIGKILL mid-way. Usage: node bin/run-ts.mjs server/test/crash-writer.ts FILE
import { PERMISSION_KEYS } from '../../common/permissions';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createOrganisation } from '../modules/organisations/organisation.service';
import { addPersonWithPassword } from '../modules/people/person-admin.service';
import { createTeam, putTeamMember, updateTeam } from '../modules/teams/team.service';
import type { Actor } from '../policy/policy';

const file = process.argv[2];
if (!file) {
  console.error('usage: crash-writer.ts FILE');
  process.exit(2);
}
const { db } = openDatabase({ kind: 'sqlite', file });
await migrateToLatest(db);
const run = `${process.pid}-${Date.now()}`;
const { organisation } = await createOrganisation(db, { name: `Crash ${run}`, slug: `crash-${run}` });
const { id: personId } = await addPersonWithPassword(db, {
  orgId: organisation.id,
  name: 'Crash Tester',
  email: `crash-${run}@example.test`,
  roleName: 'Administrator',
  password: 'quiet harbour lantern 42 spruce',
});
const actor: Actor = { personId, orgId: organisation.id, permissions: new Set(PERMISSION_KEYS), via: 'session' };
const busy = await createTeam(db, actor, { name: 'Busy team', description: '' });
console.log(`ready ${organisation.id} ${busy.id}`);

for (let written = 1; ; written++) {
  // Three kinds of audited change: a new stream, a long stream, and a membership toggle.
  if (written % 3 === 0) await createTeam(db, actor, { name: `Team ${written}`, description: '' });
  else if (written % 3 === 1) {
    const { version } = await db.selectFrom('teams').select('version').where('id', '=', busy.id).executeTakeFirstOrThrow();
    await updateTeam(db, actor, busy.id, { version, description: `Edit ${written}` });
  } else await putTeamMember(db, actor, busy.id, personId, { isLead: written % 2 === 0 });
  if (written % 10 === 0) console.log(`written ${written}`);
}
