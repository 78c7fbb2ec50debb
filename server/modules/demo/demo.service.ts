import { randomInt } from 'node:crypto';
import type { Db } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { appendAuditEvent } from '../audit/audit.service';
import { removeOrganisation } from '../organisations/organisation-removal';
import { findOrganisationBySlug } from '../organisations/organisation.repository';
import { createOrganisation } from '../organisations/organisation.service';
import { addPersonWithPassword } from '../people/person-admin.service';
import * as personRepository from '../people/person.repository';
import { insertTeam, insertTeamMember } from '../teams/team.repository';
import { loadDemoLibrary } from './demo-library';

export const DEMO_ORG_SLUG = 'harbour-and-hill';

export type DemoAccount = { role: string; name: string; email: string; password: string };

// Easy to read aloud and type, hard to guess: five groups from an alphabet without look-alikes.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789';
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
  return groups.join('-');
}

const DEMO_PEOPLE = [
  { role: 'Administrator', name: 'Alex Morgan', email: 'alex.morgan@harbourhill.example', team: null, lead: false },
  { role: 'Quality manager', name: 'Jordan Lee', email: 'jordan.lee@harbourhill.example', team: null, lead: false },
  { role: 'Supervisor', name: 'Sam Okafor', email: 'sam.okafor@harbourhill.example', team: 'Contact centre', lead: true },
  { role: 'Senior agent', name: 'Maria Rossi', email: 'maria.rossi@harbourhill.example', team: 'Contact centre', lead: false },
  { role: 'Agent', name: 'Priya Shah', email: 'priya.shah@harbourhill.example', team: 'Contact centre', lead: false },
  { role: 'Agent', name: 'Tom Becker', email: 'tom.becker@harbourhill.example', team: 'Harbour Street store', lead: false },
] as const;

const DEMO_TEAMS = [
  { name: 'Contact centre', description: 'Phone, email, live chat and social media.' },
  { name: 'Harbour Street store', description: 'The flagship store: in-person service, returns desk and collections.' },
];

/** Whether the demo organisation exists already. */
export async function hasDemoOrganisation(db: Db): Promise<boolean> {
  return (await findOrganisationBySlug(db, DEMO_ORG_SLUG)) !== undefined;
}

/**
 * Removes the demo organisation with everything in it, its audit trail included, so that it can
 * be loaded afresh: after a load that was cut short, or to start a training session again.
 * Returns whether there was one.
 */
export async function removeDemoOrganisation(db: Db): Promise<boolean> {
  const demo = await findOrganisationBySlug(db, DEMO_ORG_SLUG);
  if (!demo) return false;
  await removeOrganisation(db, demo.id);
  return true;
}

/**
 * Loads the demo organisation: a retailer with stores and a contact centre, its people and teams,
 * its process register and its published manual. Passwords are generated for each install and
 * returned once, never fixed.
 */
export async function loadDemoOrganisation(db: Db): Promise<{ orgId: string; accounts: DemoAccount[] }> {
  const { organisation } = await createOrganisation(db, { name: 'Harbour & Hill Outfitters', slug: DEMO_ORG_SLUG });
  const accounts: DemoAccount[] = [];
  const personIds = new Map<string, string>();
  for (const person of DEMO_PEOPLE) {
    const password = generatePassword();
    const { id } = await addPersonWithPassword(db, { orgId: organisation.id, name: person.name, email: person.email, roleName: person.role, password });
    personIds.set(person.email, id);
    accounts.push({ role: person.role, name: person.name, email: person.email, password });
  }
  const admin = personIds.get(DEMO_PEOPLE[0].email)!;
  await inTransaction(db, async (trx) => {
    const at = now();
    const supervisor = personIds.get('sam.okafor@harbourhill.example')!;
    for (const email of ['maria.rossi@harbourhill.example', 'priya.shah@harbourhill.example', 'tom.becker@harbourhill.example']) {
      await personRepository.updatePerson(trx, organisation.id, personIds.get(email)!, { manager_id: supervisor, updated_at: at });
    }
    for (const team of DEMO_TEAMS) {
      const teamId = newId();
      await insertTeam(trx, { id: teamId, org_id: organisation.id, name: team.name, description: team.description, created_at: at, updated_at: at, version: 1 });
      await appendAuditEvent(trx, { orgId: organisation.id, actorId: admin, stream: `team:${teamId}`, event: { type: 'team.created', payload: team } });
      for (const person of DEMO_PEOPLE.filter((candidate) => candidate.team === team.name)) {
        const personId = personIds.get(person.email)!;
        await insertTeamMember(trx, { org_id: organisation.id, team_id: teamId, person_id: personId, is_lead: person.lead ? 1 : 0, added_at: at });
        await appendAuditEvent(trx, {
          orgId: organisation.id,
          actorId: admin,
          stream: `team:${teamId}`,
          event: { type: 'team.member-added', payload: { personId, isLead: person.lead } },
        });
      }
    }
  });
  const account = (email: string) => {
    const found = accounts.find((candidate) => candidate.email === email)!;
    return { id: personIds.get(email)!, role: found.role, password: found.password };
  };
  await loadDemoLibrary(db, organisation.id, {
    author: account('jordan.lee@harbourhill.example'),
    reviewer: account('sam.okafor@harbourhill.example'),
    approver: account('alex.morgan@harbourhill.example'),
  });
  return { orgId: organisation.id, accounts };
}
