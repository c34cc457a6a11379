import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { loadSecretKey, SECRET_KEY_FILE } from './secret-key';

let root: string;
let lines: string[];
const logger = () => createLogger({ level: 'debug', write: (line) => lines.push(line) });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tandem-key-'));
  lines = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('loadSecretKey', () => {
  it('uses TANDEM_SECRET_KEY when set, and writes nothing', async () => {
    const hex = 'ab'.repeat(32);
    const key = await loadSecretKey({ fromEnv: hex, dataDir: join(root, 'data'), logger: logger() });
    expect(Buffer.from(key).toString('hex')).toBe(hex);
    expect(lines).toEqual([]);
    await expect(readdir(root)).resolves.toEqual([]);
  });

  it('generates a private key file on first start, warns without printing it, and reuses it', async () => {
    const dataDir = join(root, 'nested', 'data');
    const first = await loadSecretKey({ fromEnv: undefined, dataDir, logger: logger() });
    const path = join(dataDir, SECRET_KEY_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(Buffer.from(first).toString('hex'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'warn', path });
    expect(lines.join('\n')).not.toContain(Buffer.from(first).toString('hex'));

    lines = [];
    const second = await loadSecretKey({ fromEnv: undefined, dataDir, logger: logger() });
    expect(second).toEqual(first);
    expect(lines).toEqual([]);
    expect(await readdir(dataDir)).toEqual([SECRET_KEY_FILE]);
  });

  it('ends with one key when several processes start at once', async () => {
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => loadSecretKey({ fromEnv: undefined, dataDir: root, logger: logger() })),
    );
    for (const key of keys) expect(key).toEqual(keys[0]);
    expect(lines.filter((line) => line.includes('generated a new secret key'))).toHaveLength(1);
    expect(await readdir(root)).toEqual([SECRET_KEY_FILE]);
  });

  it('refuses a damaged key file, without echoing it', async () => {
    writeFileSync(join(root, SECRET_KEY_FILE), 'not-a-key-but-maybe-sensitive', { mode: 0o600 });
    const error = await loadSecretKey({ fromEnv: undefined, dataDir: root, logger: logger() }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/does not hold a valid key/);
    expect(String(error)).not.toContain('not-a-key-but-maybe-sensitive');
  });

  it('warns when the key file is readable by others', async () => {
    writeFileSync(join(root, SECRET_KEY_FILE), 'cd'.repeat(32), { mode: 0o644 });
    await loadSecretKey({ fromEnv: undefined, dataDir: root, logger: logger() });
    expect(lines.join('\n')).toMatch(/readable by other users/);
  });
});
