import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestbed, TEST_DATABASES, type Testbed } from '../test-support';
import { lastFour, readCredential, storeCredential } from './credentials';
import { createSecretBox, generateSecretKey, SecretBoxError } from './secret-box';

describe.each(TEST_DATABASES)('credentials at rest on $name', ({ adminUrl }) => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(adminUrl);
  });
  afterAll(() => testbed?.cleanup());

  async function workspaceWithCredentials() {
    const user = await testbed.newUser();
    const { workspace } = await testbed.services.repos.workspaces.create({ name: 'W', ownerId: user.id });
    const { repos, secretBox } = testbed.services;
    const openai = await storeCredential(repos, secretBox, {
      workspaceId: workspace.id,
      name: 'openai',
      provider: 'openai',
      baseUrl: null,
      apiKey: 'sk-openai-0123456789-WXYZ',
      createdBy: user.id,
    });
    const local = await storeCredential(repos, secretBox, {
      workspaceId: workspace.id,
      name: 'local',
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:11434/v1',
      apiKey: 'ollama-key-abcdefgh-LAST',
      createdBy: user.id,
    });
    return { workspace, openai, local };
  }

  it('decrypts for the run worker what was stored, and shows only the last four', async () => {
    const { workspace, openai } = await workspaceWithCredentials();
    expect(openai).toMatchObject({ provider: 'openai', last4: 'WXYZ' });
    expect(JSON.stringify(openai)).not.toContain('sk-openai');
    const { repos, secretBox } = testbed.services;
    expect(await readCredential(repos, secretBox, workspace.id, 'openai')).toEqual({
      provider: 'openai',
      baseUrl: null,
      apiKey: 'sk-openai-0123456789-WXYZ',
    });
    expect(await readCredential(repos, secretBox, workspace.id, 'local')).toMatchObject({
      baseUrl: 'http://localhost:11434/v1',
      apiKey: 'ollama-key-abcdefgh-LAST',
    });
    expect(await readCredential(repos, secretBox, workspace.id, 'missing')).toBeNull();
    const row = await repos.credentials.getStored(workspace.id, 'openai');
    expect(Buffer.from(row?.ciphertext ?? []).toString('latin1')).not.toContain('sk-openai');
  });

  it('refuses a ciphertext moved to another row or a base URL pointed elsewhere', async () => {
    const { workspace, openai, local } = await workspaceWithCredentials();
    const { repos, secretBox } = testbed.services;
    const stolen = await repos.credentials.getStored(workspace.id, 'openai');
    if (!stolen) throw new Error('stored');
    const sealed = { ciphertext: stolen.ciphertext, iv: stolen.iv, authTag: stolen.authTag };
    // Someone with write access to the table copies one row's ciphertext into another…
    await repos.credentials.upsert({ ...local, ...sealed, createdBy: null });
    await expect(readCredential(repos, secretBox, workspace.id, 'local')).rejects.toBeInstanceOf(
      SecretBoxError,
    );
    // …or points a credential's base URL at their own server.
    await repos.credentials.upsert({
      ...openai,
      ...sealed,
      baseUrl: 'https://attacker.example/v1',
      createdBy: null,
    });
    await expect(readCredential(repos, secretBox, workspace.id, 'openai')).rejects.toBeInstanceOf(
      SecretBoxError,
    );
  });

  it('cannot be read with another key', async () => {
    const { workspace } = await workspaceWithCredentials();
    await expect(
      readCredential(testbed.services.repos, createSecretBox(generateSecretKey()), workspace.id, 'openai'),
    ).rejects.toBeInstanceOf(SecretBoxError);
  });
});

describe('lastFour', () => {
  it('shows four characters of a real key, none of a short one', () => {
    expect(lastFour('sk-0123456789abcdef')).toBe('cdef');
    expect(lastFour('short-key')).toBe('');
  });
});
