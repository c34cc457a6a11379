import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An AES-256-GCM ciphertext as stored: the 12-byte IV is fresh for every encryption. */
export type Sealed = { ciphertext: Uint8Array; iv: Uint8Array; authTag: Uint8Array };

/** Decryption failed: the key is not the one that encrypted, or the ciphertext, tag or its context changed. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A new random 32-byte key. */
export function generateSecretKey(): Uint8Array {
  return new Uint8Array(randomBytes(SECRET_KEY_BYTES));
}

/**
 * Reads `TANDEM_SECRET_KEY` (or the key file): 32 bytes as 64 hex characters or as base64.
 * @throws Error naming the expected shape, never echoing the value.
 */
export function parseSecretKey(text: string): Uint8Array {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return new Uint8Array(Buffer.from(value, 'hex'));
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) return new Uint8Array(Buffer.from(value, 'base64'));
  throw new Error('The secret key must be 32 bytes written as 64 hex characters or as base64.');
}

/**
 * Authenticated encryption with one key. `context` is additional authenticated data: decrypting with a
 * different context fails, which is how a ciphertext is bound to the row it belongs to.
 */
export function createSecretBox(key: Uint8Array) {
  if (key.length !== SECRET_KEY_BYTES) throw new Error('The secret key must be exactly 32 bytes.');
  // A private copy: the caller's buffer may be reused or zeroed.
  const secret = Buffer.from(key);
  return {
    seal(plaintext: string, context: string): Sealed {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        ciphertext: new Uint8Array(ciphertext),
        iv: new Uint8Array(iv),
        authTag: new Uint8Array(cipher.getAuthTag()),
      };
    },

    /** @throws SecretBoxError when the key, the context or any stored byte does not match. */
    open(sealed: Sealed, context: string): string {
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, sealed.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(sealed.authTag);
        return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new SecretBoxError('The secret cannot be decrypted with this key and context.', {
          cause: error,
        });
      }
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
