import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { USER_COLORS, userColor } from './user-color';

describe('userColor', () => {
  it('gives one id the same palette colour every time', () => {
    const id = randomUUID();
    expect(userColor(id)).toBe(userColor(id));
    expect(USER_COLORS).toContain(userColor(id));
  });

  it('spreads ids over the whole palette', () => {
    const used = new Set(Array.from({ length: 2000 }, () => userColor(randomUUID())));
    expect(used.size).toBe(USER_COLORS.length);
  });
});
