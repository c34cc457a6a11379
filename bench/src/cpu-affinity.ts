import { execFileSync } from 'node:child_process';
import os from 'node:os';

/**
 * Pins every thread of process `pid` to the CPUs in `cpus` (a `taskset` list such as `1` or `0-3`). Returns
 * false where that is not possible (not Linux, one CPU, no `taskset`); the caller reports it.
 */
export function pinThreads(pid: number, cpus: string): boolean {
  if (os.platform() !== 'linux' || os.cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-pc', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every CPU of the machine, as a `taskset` list. */
export function allCpus(): string {
  return `0-${os.cpus().length - 1}`;
}

/** Processes of this machine's PostgreSQL server (its `postgres` OS user), or [] where there are none to see. */
function localPostgresPids(): number[] {
  try {
    return execFileSync('pgrep', ['-u', 'postgres'], { encoding: 'utf8' })
      .split(/\s+/)
      .filter((pid) => pid !== '')
      .map(Number);
  } catch {
    return [];
  }
}

export type Placement = {
  /** The client process runs on CPU 1, the servers on CPU 0. */
  clientsOnOwnCpu: boolean;
  /** The machine's PostgreSQL processes (new backends fork from a pinned postmaster) share the servers' CPU. */
  databaseWithServers: boolean;
  /** Gives every pinned process all CPUs back. */
  restore(): void;
};

/**
 * Places a bench's processes as the deployment it stands for: the clients (browsers on other machines) on
 * CPU 1; this process and the server processes `serverPids` (or this process alone, when it is the server)
 * and, with `localPostgres`, the machine's PostgreSQL server on CPU 0 (the server's machine). Without this,
 * on a 2-core machine a database backend committing one edit takes the CPU of the clients still decoding
 * the previous broadcast, which no deployment does.
 */
export function placeClientsApart(
  clientPid: number | undefined,
  localPostgres: boolean,
  serverPids: readonly number[] = [],
): Placement {
  const postgres = localPostgres ? localPostgresPids() : [];
  const servers = [process.pid, ...serverPids];
  const clientsOnOwnCpu =
    clientPid !== undefined && pinThreads(clientPid, '1') && servers.every((pid) => pinThreads(pid, '0'));
  const databaseWithServers =
    clientsOnOwnCpu && postgres.length > 0 && postgres.every((pid) => pinThreads(pid, '0'));
  return {
    clientsOnOwnCpu,
    databaseWithServers,
    restore() {
      const all = allCpus();
      for (const pid of [...servers, ...postgres]) pinThreads(pid, all);
    },
  };
}
