import type { CredentialProvider, CredentialSummary, Repositories } from '@tandem/db';
import type { SecretBox } from './secret-box';

/** What the run worker gets back: everything needed to call the provider. Never sent to a client. */
export type ProviderCredential = { provider: CredentialProvider; baseUrl: string | null; apiKey: string };

type Binding = { workspaceId: string; name: string; provider: CredentialProvider; baseUrl: string | null };

/**
 * The additional authenticated data of a credential: its workspace, name, provider and base URL. A
 * ciphertext copied into another row, or a row whose base URL was pointed elsewhere, no longer decrypts.
 */
function credentialContext(binding: Binding): string {
  return JSON.stringify([
    'tandem/credential/v1',
    binding.workspaceId,
    binding.name,
    binding.provider,
    binding.baseUrl,
  ]);
}

/** The last four characters shown to recognise a key, or nothing when the key is too short to spare them. */
export function lastFour(secret: string): string {
  return secret.length >= 16 ? secret.slice(-4) : '';
}

/** Encrypts and stores (or replaces) a workspace's credential; returns it without its secret. */
export async function storeCredential(
  repos: Pick<Repositories, 'credentials'>,
  box: SecretBox,
  input: Binding & { apiKey: string; createdBy: string },
): Promise<CredentialSummary> {
  const { apiKey, ...binding } = input;
  const sealed = box.seal(apiKey, credentialContext(binding));
  return repos.credentials.upsert({ ...binding, ...sealed, last4: lastFour(apiKey) });
}

/**
 * Decrypts a workspace's credential for the run worker; null when there is none.
 * @throws SecretBoxError when it cannot be decrypted (another `TANDEM_SECRET_KEY`, or a tampered row).
 */
export async function readCredential(
  repos: Pick<Repositories, 'credentials'>,
  box: SecretBox,
  workspaceId: string,
  name: string,
): Promise<ProviderCredential | null> {
  const stored = await repos.credentials.getStored(workspaceId, name);
  if (!stored) return null;
  const apiKey = box.open(stored, credentialContext(stored));
  return { provider: stored.provider, baseUrl: stored.baseUrl, apiKey };
}
