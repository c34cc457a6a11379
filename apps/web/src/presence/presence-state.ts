/** Who a collaborator is; the server overwrites this with the session's user, so it cannot be spoofed. */
export type PresenceUser = { id: string; name: string; color: string };
export type FlowPoint = { x: number; y: number };
/** A React Flow viewport plus the size of the pane it was measured on (to follow by centre). */
export type PresenceViewport = { x: number; y: number; zoom: number; width: number; height: number };

/** The awareness state of DESIGN.md: cursor in flow coordinates, selected node ids, viewport, following. */
export type PresenceState = {
  user: PresenceUser;
  cursor: FlowPoint | null;
  selection: string[];
  viewport: PresenceViewport | null;
  /** The user id this person follows, if any. */
  following?: string | null;
};

export type Collaborator = PresenceState & { clientId: number };

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function parsePoint(value: unknown): FlowPoint | null {
  const r = record(value);
  return r && finite(r.x) && finite(r.y) ? { x: r.x, y: r.y } : null;
}

function parseViewport(value: unknown): PresenceViewport | null {
  const r = record(value);
  if (!r || !finite(r.x) || !finite(r.y) || !finite(r.zoom) || r.zoom <= 0) return null;
  return {
    x: r.x,
    y: r.y,
    zoom: r.zoom,
    width: finite(r.width) ? r.width : 0,
    height: finite(r.height) ? r.height : 0,
  };
}

/** Reads one awareness state defensively (states come from other clients); null when it has no user. */
export function parsePresence(value: unknown): PresenceState | null {
  const r = record(value);
  const user = record(r?.user);
  if (!r || !user || typeof user.id !== 'string' || typeof user.name !== 'string') return null;
  const color =
    typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color) ? user.color : '#8b91a0';
  return {
    user: { id: user.id, name: user.name, color },
    cursor: parsePoint(r.cursor),
    selection: Array.isArray(r.selection)
      ? r.selection.filter((id): id is string => typeof id === 'string').slice(0, 500)
      : [],
    viewport: parseViewport(r.viewport),
    following: typeof r.following === 'string' ? r.following : null,
  };
}

/** Everyone else connected to the document, in a stable order (by client id). */
export function collaboratorsFrom(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
): Collaborator[] {
  const result: Collaborator[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const presence = parsePresence(state);
    if (presence) result.push({ ...presence, clientId });
  }
  return result.sort((a, b) => a.clientId - b.clientId);
}

/** One entry per person for the avatar row (a person with two tabs open appears once). */
export function distinctPeople(collaborators: readonly Collaborator[]): Collaborator[] {
  const seen = new Set<string>();
  return collaborators.filter((c) => {
    if (seen.has(c.user.id)) return false;
    seen.add(c.user.id);
    return true;
  });
}
