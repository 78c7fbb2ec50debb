import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { verifyAuditChains } from '../modules/audit/audit.service';
import { findOrganisationBySlug, listOrganisations } from '../modules/organisations/organisation.repository';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Inspect the tamper-evident audit trail');
  audit
    .command('verify')
    .description('Verify every hash chain; exits 0 when all are intact and 1 naming the first broken event')
    .option('--stream <stream>', 'verify one stream only, e.g. person:0193…')
    .option('--org <slug>', 'verify one organisation only (default: all)')
    .action(async (options: { stream?: string; org?: string }) => {
      const handle = openDatabase(loadConfig().database);
      try {
        const organisations = options.org
          ? [await findOrganisationBySlug(handle.db, options.org)].filter((o) => o !== undefined)
          : await listOrganisations(handle.db);
        if (options.org && organisations.length === 0) {
          console.error(`No organisation "${options.org}".`);
          process.exitCode = 2;
          return;
        }
        let broken = false;
        for (const organisation of organisations) {
          const result = await verifyAuditChains(handle.db, organisation.id, { stream: options.stream });
          if (result.ok) {
            console.log(`${organisation.slug}: intact — ${result.eventsChecked} events in ${result.streamsChecked} streams (${result.erasedPayloads} erased payloads)`);
          } else {
            broken = true;
            const fault = result.firstBreak!;
            console.log(`${organisation.slug}: BROKEN at ${fault.stream} #${fault.seq} (event ${fault.eventId}): ${fault.reason}`);
          }
        }
        process.exitCode = broken ? 1 : 0;
      } finally {
        await handle.close();
      }
    });
}
