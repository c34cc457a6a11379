import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSecretKey, parseSecretKey } from '@tandem/api';
import type { Logger } from './logger';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The key that encrypts provider credentials: `TANDEM_SECRET_KEY` when set, else `<dataDir>/secret.key`,
 * created (mode 0600) on first start with a warning. Losing it makes stored credentials unreadable; several
 * instances on one database must share it, so a scaled-out deployment sets `TANDEM_SECRET_KEY`.
 */
export async function loadSecretKey(options: {
  fromEnv: string | undefined;
  dataDir: string;
  logger: Logger;
}): Promise<Uint8Array> {
  if (options.fromEnv !== undefined) return parseSecretKey(options.fromEnv);
  const path = join(options.dataDir, SECRET_KEY_FILE);
  await mkdir(options.dataDir, { recursive: true });
  if (await createKeyFile(path)) {
    options.logger.warn('TANDEM_SECRET_KEY is not set: generated a new secret key', {
      path,
      advice:
        'Back this file up, or set TANDEM_SECRET_KEY; stored provider credentials cannot be decrypted without it.',
    });
  }
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    options.logger.warn('the secret key file is readable by other users', { path, mode: mode.toString(8) });
  }
  try {
    return parseSecretKey(await readFile(path, 'utf8'));
  } catch {
    throw new Error(`${path} does not hold a valid key (64 hex characters). Restore it from a backup.`);
  }
}

/**
 * Writes a new key to `path` unless a key is already there. The key is written to a private temporary
 * file first and then hard-linked into place, which fails if the file exists: two processes starting at
 * once end up with one key, and nobody ever reads a half-written file.
 */
async function createKeyFile(path: string): Promise<boolean> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${Buffer.from(generateSecretKey()).toString('hex')}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary);
  }
}
