import type { ReactNode } from 'react';

type FieldFrameProps = {
  id: string;
  label: string;
  error: string | null;
  problems?: readonly string[];
  inline?: boolean;
  children: ReactNode;
};

/** Label, control, the zod message of an invalid draft, and validator problems about the field. */
export function FieldFrame({ id, label, error, problems = [], inline = false, children }: FieldFrameProps) {
  return (
    <div className={`field${inline ? ' field--inline' : ''}${error ? ' has-error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      {problems.map((problem) => (
        <p key={problem} className="field__warn">
          {problem}
        </p>
      ))}
    </div>
  );
}
