import type { Collaborator } from './presence-state';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SAFE_COLOR = /^#[0-9a-f]{3,8}$/i;

/**
 * CSS outlining the nodes other people have selected, in their colour, with their name above the card.
 * Ids and colours come from other clients, so only safe ones make it into the stylesheet.
 */
export function remoteSelectionCss(collaborators: readonly Collaborator[]): string {
  const byNode = new Map<string, { color: string; names: string[] }>();
  for (const collaborator of collaborators) {
    if (!SAFE_COLOR.test(collaborator.user.color)) continue;
    for (const nodeId of collaborator.selection) {
      if (!SAFE_ID.test(nodeId)) continue;
      const entry = byNode.get(nodeId) ?? { color: collaborator.user.color, names: [] };
      if (!entry.names.includes(collaborator.user.name)) entry.names.push(collaborator.user.name);
      byNode.set(nodeId, entry);
    }
  }
  const rules: string[] = [];
  for (const [nodeId, { color, names }] of byNode) {
    const node = `.react-flow__node[data-id="${nodeId}"]`;
    rules.push(`${node} .tnode{outline:2px solid ${color};outline-offset:3px}`);
    rules.push(`${node}::before{content:${JSON.stringify(names.join(', '))};background:${color}}`);
  }
  return rules.join('\n');
}

export function RemoteSelectionStyle({ collaborators }: { collaborators: readonly Collaborator[] }) {
  const css = remoteSelectionCss(collaborators);
  return css ? <style data-testid="remote-selection">{css}</style> : null;
}
