import { customType, timestamp } from 'drizzle-orm/pg-core';

/**
 * `bytea` as a plain `Uint8Array` on both drivers.
 *
 * PGlite already returns `Uint8Array`; postgres.js returns a Node `Buffer`. Values read are copied
 * into a plain `Uint8Array` so callers see the same type (and `toEqual` behaves the same) whichever
 * driver is underneath, and never hold a view into a driver-owned buffer.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  toDriver(value) {
    return value;
  },
  fromDriver(value) {
    return new Uint8Array(value);
  },
});

/** `timestamp with time zone`, read as a `Date`. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
