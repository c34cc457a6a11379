import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { Avatar } from '../ui/avatar';

export type Mentionable = { userId: string; name: string; email: string; color: string };

/** The `@query` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

/** The members a body still mentions (`@Name` of someone picked from the list). */
export function mentionsIn(body: string, picked: readonly Mentionable[]): string[] {
  return [...new Set(picked.filter((member) => body.includes(`@${member.name}`)).map((m) => m.userId))];
}

/**
 * A comment box: Enter sends (Shift+Enter for a new line), `@` opens the workspace's members to mention.
 * `onSubmit` gets the body and the mentioned user ids.
 */
export function CommentComposer({
  members,
  placeholder,
  submitLabel,
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  members: readonly Mentionable[];
  placeholder: string;
  submitLabel: string;
  autoFocus?: boolean;
  onSubmit: (body: string, mentions: string[]) => void;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<Mentionable[]>([]);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const query = mentionQuery(body, caret);
  const suggestions = useMemo(() => {
    if (!query) return [];
    const q = query.query.toLowerCase();
    return members
      .filter((member) => member.name.toLowerCase().includes(q) || member.email.toLowerCase().startsWith(q))
      .slice(0, 6);
  }, [members, query]);
  const open = suggestions.length > 0;

  const pick = (member: Mentionable) => {
    if (!query) return;
    const insert = `@${member.name} `;
    const next = body.slice(0, query.start) + insert + body.slice(caret);
    const at = query.start + insert.length;
    setBody(next);
    setCaret(at);
    setPicked((current) => (current.includes(member) ? current : [...current, member]));
    requestAnimationFrame(() => textarea.current?.setSelectionRange(at, at));
  };

  const submit = () => {
    const text = body.trim();
    if (!text) return;
    onSubmit(text, mentionsIn(text, picked));
    setBody('');
    setPicked([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + suggestions.length) % suggestions.length);
      return;
    }
    if (open && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      const member = suggestions[Math.min(active, suggestions.length - 1)];
      if (member) pick(member);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={textarea}
        className="composer__input"
        value={body}
        rows={2}
        placeholder={placeholder}
        aria-label={placeholder}
        // biome-ignore lint/a11y/noAutofocus: the box opens because the user asked to write a comment
        autoFocus={autoFocus}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-expanded={open}
        role="combobox"
        onChange={(event) => {
          setBody(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div className="composer__mentions" id={listId} role="listbox" aria-label="Mention someone">
          {suggestions.map((member, index) => (
            <div
              key={member.userId}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              onPointerDown={(event) => {
                event.preventDefault();
                pick(member);
              }}
            >
              <Avatar name={member.name} color={member.color} size={20} />
              <span>{member.name}</span>
              <span className="composer__email">{member.email}</span>
            </div>
          ))}
        </div>
      )}
      <div className="composer__actions">
        {onCancel && (
          <button type="button" className="button button--ghost button--small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--primary button--small" disabled={!body.trim()}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
