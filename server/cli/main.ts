import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { AppError } from '../errors/app-error';
import { registerAuditCommands } from './audit-command';
import { registerBackupCommand } from './backup-command';
import { registerDatabaseCommands } from './database-commands';
import { registerExportCommands } from './export-command';
import { registerImportCommand } from './import-command';
import { registerUserCommands } from './user-command';

/** The `sopdesk` command line. */
export function buildCli(): Command {
  const program = new Command()
    .name('sopdesk')
    .description('Standard operating procedures for customer service.\nConfiguration comes from environment variables (see the README).')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });
  registerDatabaseCommands(program);
  registerUserCommands(program);
  registerAuditCommands(program);
  registerBackupCommand(program);
  registerExportCommands(program);
  registerImportCommand(program);
  return program;
}

/** Turns errors into a one-line message and an exit code instead of a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    // Validate the environment before any command runs, so a typo is reported first.
    loadConfig();
    await buildCli().exitOverride().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof AppError) {
      console.error(`sopdesk: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  }
}

