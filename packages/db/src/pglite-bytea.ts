import type { PGliteOptions } from '@electric-sql/pglite';

/** Postgres' type OID of `bytea`. */
const BYTEA_OID = 17;

/**
 * PGlite passes parameters and results as text, and its own `bytea` codec builds the `\x…` hex form
 * one byte at a time (`Array.from(bytes).map(…).join('')`, `parseInt` per pair): 7 ms to send a 30 KB Yjs
 * update, 380 ms for a 1.3 MB document state, 75 ms to read one back. Node's native hex codec does the same
 * conversion in a few microseconds per kilobyte.
 */
export const pgliteByteaCodec: Pick<PGliteOptions, 'parsers' | 'serializers'> = {
  serializers: {
    [BYTEA_OID]: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new TypeError('Invalid input for bytea type');
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
    },
  },
  parsers: {
    [BYTEA_OID]: (text: string) => {
      // Postgres sends bytea as `\x` + hex (bytea_output = hex, PGlite's default).
      const bytes = Buffer.from(text.slice(2), 'hex');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  },
};
