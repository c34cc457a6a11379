import type { ApiKeySummary, Repositories } from '@tandem/db';
import { hashToken, randomToken, TOKEN_ALPHABET, tokenMatches } from '../auth/tokens';

// `tdm_<prefix>_<secret>`: the prefix (60 bits) finds the row and is shown in lists; the secret is 32 bytes.
const PREFIX_BYTES = 8; // 8 bytes → 13 base32 characters; the first 12 are used
const SECRET_BYTES = 32;
const API_KEY_PATTERN = new RegExp(`^tdm_([${TOKEN_ALPHABET}]{12})_([${TOKEN_ALPHABET}]{52})$`);
// Writing `last_used_at` on every call would turn each trigger into a write; a minute is precise enough.
const MARK_USED_EVERY_MS = 60_000;

export type VerifiedApiKey = { apiKeyId: string; workspaceId: string; name: string };

/** Creates a workspace API key. The token is returned once; only its SHA-256 is stored. */
export async function createApiKey(
  repos: Pick<Repositories, 'apiKeys'>,
  input: { workspaceId: string; name: string; createdBy: string; now: Date },
): Promise<{ apiKey: ApiKeySummary; token: string }> {
  const prefix = randomToken(PREFIX_BYTES).slice(0, 12);
  const secret = randomToken(SECRET_BYTES);
  const token = `tdm_${prefix}_${secret}`;
  const apiKey = await repos.apiKeys.create({
    workspaceId: input.workspaceId,
    name: input.name,
    prefix,
    keyHash: hashToken(token),
    last4: secret.slice(-4),
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  return { apiKey, token };
}

/**
 * The workspace an API key (from an `Authorization: Bearer` header) belongs to, or null when it is
 * malformed, unknown, revoked or wrong. Unknown and wrong keys do the same hashing and comparison.
 */
export async function verifyApiKey(
  repos: Pick<Repositories, 'apiKeys'>,
  token: string,
  now: Date,
): Promise<VerifiedApiKey | null> {
  const match = API_KEY_PATTERN.exec(token);
  if (!match?.[1]) return null;
  const row = await repos.apiKeys.findByPrefix(match[1]);
  const usable = row !== null && row.revokedAt === null;
  if (!tokenMatches(token, usable ? row.keyHash : null) || !row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= MARK_USED_EVERY_MS) {
    await repos.apiKeys.markUsed(row.id, now);
  }
  return { apiKeyId: row.id, workspaceId: row.workspaceId, name: row.name };
}
