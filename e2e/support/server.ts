import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type DemoAccount = { role: string; email: string; password: string };

export type RunningServer = {
  url: string;
  /** SOPDESK_DATA_DIR of the server: its SQLite file is sopdesk.db there. */
  dataDir: string;
  accounts: DemoAccount[];
  account(role: string): DemoAccount;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `sopdesk serve` exactly as `npm start` does, on a fresh SQLite database with the demo organisation. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['bin/sopdesk.mjs', 'serve'], {
    env: { ...process.env, SOPDESK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SOPDESK_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const deadline = Date.now() + 60_000;
  while (!/Sign in as/.test(output) || !/tom\.becker@\S+\s+\S+/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const accounts = [...output.matchAll(/^\s{2}(\S.*?)\s{2,}(\S+@\S+)\s+(\S+)$/gm)].map((match) => ({
    role: match[1]!.trim(),
    email: match[2]!,
    password: match[3]!,
  }));
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    accounts,
    account(role) {
      const found = accounts.find((account) => account.role === role);
      if (!found) throw new Error(`no demo account for ${role} in:\n${output}`);
      return found;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
