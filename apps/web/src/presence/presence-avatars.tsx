import type { CSSProperties } from 'react';
import { Avatar } from '../ui/avatar';
import { type Collaborator, distinctPeople, type PresenceUser } from './presence-state';

const MAX_SHOWN = 5;

/** Who else is here (you are the user menu beside it); clicking someone follows their view, again stops. */
export function PresenceAvatars({
  self,
  collaborators,
  following,
  onFollow,
}: {
  self: PresenceUser;
  collaborators: readonly Collaborator[];
  following: string | null;
  onFollow: (userId: string | null) => void;
}) {
  const people = distinctPeople(collaborators).filter((c) => c.user.id !== self.id);
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.length - shown.length;
  return (
    <div className="presence" title="People here">
      {shown.map((person) => {
        const active = following === person.user.id;
        return (
          <button
            key={person.clientId}
            type="button"
            className={`presence__person${active ? ' is-following' : ''}`}
            style={{ '--person-color': person.user.color } as CSSProperties}
            aria-pressed={active}
            title={active ? `Stop following ${person.user.name}` : `Follow ${person.user.name}`}
            aria-label={active ? `Stop following ${person.user.name}` : `Follow ${person.user.name}`}
            onClick={() => onFollow(active ? null : person.user.id)}
          >
            <Avatar name={person.user.name} color={person.user.color} size={26} />
          </button>
        );
      })}
      {hidden > 0 && <span className="presence__more">+{hidden}</span>}
    </div>
  );
}
