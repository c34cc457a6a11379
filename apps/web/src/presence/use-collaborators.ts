import { useEffect, useState } from 'react';
import type { Awareness } from '../collab/use-workflow-session';
import { type Collaborator, collaboratorsFrom } from './presence-state';

/** Everyone else on the document, re-read whenever awareness changes. */
export function useCollaborators(awareness: Awareness | null): Collaborator[] {
  const [collaborators, setCollaborators] = useState<Collaborator[]>([]);
  useEffect(() => {
    if (!awareness) {
      setCollaborators([]);
      return;
    }
    const read = () => setCollaborators(collaboratorsFrom(awareness.getStates(), awareness.clientID));
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return collaborators;
}
