import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  type AvailableReference,
  expressionError,
  type FoundReference,
  findReferences,
  type PromptMode,
  readsReferences,
  referenceSnippet,
} from './references';
import { useYTextValue } from './use-y-text';
import { bindTextarea, type TextBinding } from './y-text-binding';

type PromptEditorProps = {
  id: string;
  label: string;
  text: Y.Text | null;
  mode: PromptMode;
  nodeId: string;
  available: readonly AvailableReference[];
  readOnly: boolean;
  /** Validation problems about this field from the workflow validator. */
  problems?: readonly string[];
  /** Visible lines; defaults by mode. */
  rows?: number;
};

/** Text of the highlight layer: the same characters as the textarea, references wrapped in marks. */
function Highlights({ value, found }: { value: string; found: readonly FoundReference[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const reference of found) {
    if (reference.start < at) continue;
    parts.push(value.slice(at, reference.start));
    parts.push(
      <mark key={reference.start} className={reference.problem ? 'ref-mark ref-mark--broken' : 'ref-mark'}>
        {value.slice(reference.start, reference.end)}
      </mark>,
    );
    at = reference.end;
  }
  // A trailing newline needs a character after it, or the layer is one line shorter than the textarea.
  parts.push(`${value.slice(at)}\u200b`);
  return <>{parts}</>;
}

/**
 * A prompt field edited as shared text: the textarea is bound to the field's Y.Text, so several people can
 * type in it at once. A layer behind the (transparent) textarea highlights `{{…}}` references.
 */
export function PromptEditor({
  id,
  label,
  text,
  mode,
  nodeId,
  available,
  readOnly,
  problems = [],
  rows,
}: PromptEditorProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const binding = useRef<TextBinding | null>(null);
  const value = useYTextValue(text);
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    const element = textarea.current;
    if (!text || !element) return;
    const bound = bindTextarea(element, text);
    binding.current = bound;
    return () => {
      bound.destroy();
      binding.current = null;
    };
  }, [text]);

  const found = useMemo(
    () => findReferences(value, mode, available, nodeId),
    [value, mode, available, nodeId],
  );
  const parseError = mode === 'expression' ? expressionError(value) : null;

  if (!text) {
    return (
      <div className="field">
        <span className="field__label">{label}</span>
        <p className="field__hint">This document stores the field in an old format; it updates after sync.</p>
      </div>
    );
  }

  const syncScroll = () => {
    if (backdrop.current && textarea.current) backdrop.current.scrollTop = textarea.current.scrollTop;
  };

  const insert = (reference: AvailableReference) => {
    setMenuOpen(false);
    binding.current?.insertAtSelection(referenceSnippet(reference.path, mode));
  };

  return (
    <div className={`field prompt prompt--${mode}`}>
      <div className="field__head">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {readsReferences(mode) && !readOnly && (
          <div className="prompt__insert">
            <button
              type="button"
              className="chip-button"
              aria-expanded={menuOpen}
              aria-haspopup="menu"
              // Keep the textarea's selection: the reference goes where the caret was.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => setMenuOpen((open) => !open)}
            >
              Insert reference
            </button>
            {menuOpen && (
              <div className="menu" role="menu" aria-label={`References for ${label}`}>
                {available.length === 0 ? (
                  <p className="menu__empty">
                    Connect an upstream node or declare run inputs to reference them.
                  </p>
                ) : (
                  available.map((reference) => (
                    <button
                      key={reference.path}
                      type="button"
                      role="menuitem"
                      className="menu__item"
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => insert(reference)}
                    >
                      <code>{reference.path}</code>
                      <span className="menu__detail">{reference.detail}</span>
                    </button>
                  ))
                )}
              </div>
            )}
          </div>
        )}
      </div>
      <div className="prompt__box">
        <div className="prompt__backdrop" ref={backdrop} aria-hidden="true">
          <Highlights value={value} found={found} />
        </div>
        <textarea
          id={id}
          ref={textarea}
          className="prompt__input"
          spellCheck={mode === 'template'}
          readOnly={readOnly}
          rows={rows ?? (mode === 'code' ? 8 : mode === 'expression' ? 2 : 5)}
          onScroll={syncScroll}
          placeholder={
            mode === 'template'
              ? 'Type text; {{inputs.x}} inserts a value'
              : mode === 'expression'
                ? 'nodes.a.output.ok == true'
                : ''
          }
        />
      </div>
      {parseError && <p className="field__error">{parseError}</p>}
      {problems.map((problem) => (
        <p key={problem} className="field__warn">
          {problem}
        </p>
      ))}
      {found.length > 0 && (
        <ul className="prompt__refs" aria-label={`References in ${label}`}>
          {found.map((reference) => (
            <li
              key={`${reference.start}:${reference.text}`}
              className={reference.problem ? 'ref-chip ref-chip--broken' : 'ref-chip'}
              title={reference.problem ?? 'Resolves at run time'}
            >
              <code>{reference.text}</code>
              {reference.problem && <span className="ref-chip__problem">{reference.problem}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
