/** Presence colours (Radix step 9 hues): distinct at a glance on the canvas and pleasant together. */
export const USER_COLORS = [
  '#E5484D', // red
  '#F76B15', // orange
  '#FFB224', // amber
  '#46A758', // green
  '#12A594', // teal
  '#0090FF', // blue
  '#3E63DD', // indigo
  '#8E4EC6', // violet
  '#D6409F', // pink
  '#AD7F58', // bronze
  '#978365', // gold
  '#00A2C7', // cyan
] as const;

/** The user's presence colour: the same for a given id everywhere (FNV-1a of the id picks from the palette). */
export function userColor(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return USER_COLORS[(hash >>> 0) % USER_COLORS.length] ?? USER_COLORS[0];
}
