import type { Command } from 'commander';
import { emailField, label } from '../../common/api/fields';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../errors/app-error';
import { findOrganisationBySlug, listOrganisations } from '../modules/organisations/organisation.repository';
import { createOrganisation } from '../modules/organisations/organisation.service';
import { addPersonWithPassword } from '../modules/people/person-admin.service';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the first line: `echo secret | sopdesk …` adds a newline that is not part of the password.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function parseOrThrow<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } } }, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('validation_failed', `${name}: ${result.error.issues[0]?.message ?? 'is not valid'}`);
  return result.data;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage people from the command line');
  user
    .command('add')
    .description('Add a person who can sign in; prints a generated password unless --password-stdin is given')
    .requiredOption('--email <email>', 'their email address (how they sign in)')
    .requiredOption('--name <name>', 'their full name')
    .requiredOption('--role <role>', 'a role name, e.g. Administrator, Supervisor, Agent')
    .option('--org <slug>', 'the organisation (needed only when there are several)')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .addHelpText('after', '\nExample:\n  sopdesk user add --email ana@example.com --name "Ana Silva" --role Administrator')
    .action(async (options: { email: string; name: string; role: string; org?: string; passwordStdin?: boolean }) => {
      const email = parseOrThrow(emailField, options.email, '--email');
      const name = parseOrThrow(label(200), options.name, '--name');
      // The demo module brings the whole SOP library with it; only a generated password needs it.
      const password = options.passwordStdin ? await readStdin() : (await import('../modules/demo/demo.service')).generatePassword();
      const handle = openDatabase(loadConfig().database);
      try {
        await migrateToLatest(handle.db);
        let organisations = await listOrganisations(handle.db);
        if (organisations.length === 0) {
          await createOrganisation(handle.db, { name: 'My organisation' });
          organisations = await listOrganisations(handle.db);
        }
        const organisation = options.org ? await findOrganisationBySlug(handle.db, options.org) : organisations.length === 1 ? organisations[0] : undefined;
        if (!organisation) {
          throw new AppError(
            'validation_failed',
            options.org ? `--org: no organisation "${options.org}".` : `--org: there are several organisations; name one of: ${organisations.map((o) => o.slug).join(', ')}`,
          );
        }
        await addPersonWithPassword(handle.db, { orgId: organisation.id, name, email, roleName: options.role, password });
        console.log(`Added ${name} <${email}> as ${options.role} in ${organisation.name}.`);
        if (!options.passwordStdin) console.log(`Password (shown once; ask them to change it from their profile): ${password}`);
      } finally {
        await handle.close();
      }
    });
}
