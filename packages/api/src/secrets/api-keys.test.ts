import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestbed, TEST_DATABASES, type Testbed } from '../test-support';
import { createApiKey, verifyApiKey } from './api-keys';

const T0 = new Date('2030-03-01T09:00:00.000Z');

describe.each(TEST_DATABASES)('API keys on $name', ({ adminUrl }) => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(adminUrl);
  });
  afterAll(() => testbed?.cleanup());

  async function newKey() {
    const user = await testbed.newUser();
    const { workspace } = await testbed.services.repos.workspaces.create({ name: 'W', ownerId: user.id });
    const created = await createApiKey(testbed.services.repos, {
      workspaceId: workspace.id,
      name: 'ci',
      createdBy: user.id,
      now: T0,
    });
    return { ...created, workspace };
  }

  it('issues tdm_<prefix>_<secret>, stores its hash and lists prefix and last four only', async () => {
    const { token, apiKey, workspace } = await newKey();
    const match = /^tdm_([a-z2-7]{12})_([a-z2-7]{52})$/.exec(token);
    expect(match).not.toBeNull();
    expect(apiKey).toMatchObject({ prefix: match?.[1], last4: token.slice(-4), revokedAt: null });
    expect(JSON.stringify(apiKey)).not.toContain(match?.[2]);
    const stored = await testbed.services.repos.apiKeys.findByPrefix(apiKey.prefix);
    expect(stored?.keyHash).toHaveLength(32);
    expect(await testbed.services.repos.apiKeys.listForWorkspace(workspace.id)).toEqual([apiKey]);
  });

  it('verifies the key into its workspace and records the use', async () => {
    const { token, apiKey, workspace } = await newKey();
    expect(await verifyApiKey(testbed.services.repos, token, T0)).toEqual({
      apiKeyId: apiKey.id,
      workspaceId: workspace.id,
      name: 'ci',
    });
    expect((await testbed.services.repos.apiKeys.get(apiKey.id))?.lastUsedAt).toEqual(T0);
    // Within a minute the use is not written again.
    await verifyApiKey(testbed.services.repos, token, new Date(T0.getTime() + 30_000));
    expect((await testbed.services.repos.apiKeys.get(apiKey.id))?.lastUsedAt).toEqual(T0);
  });

  it('refuses malformed, unknown, wrong and revoked keys', async () => {
    const { token, apiKey } = await newKey();
    const secret = token.slice(-52);
    const wrongSecret = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of [
      '',
      'tdm_',
      token.slice(0, -1),
      `${token}x`,
      `tdm_${'a'.repeat(12)}_${secret}`,
      `tdm_${apiKey.prefix}_${wrongSecret}`,
    ]) {
      expect(await verifyApiKey(testbed.services.repos, bad, T0), bad).toBeNull();
    }
    await testbed.services.repos.apiKeys.revoke(apiKey.id, T0);
    expect(await verifyApiKey(testbed.services.repos, token, T0)).toBeNull();
  });
});
