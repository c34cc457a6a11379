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
