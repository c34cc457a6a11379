import { type InputHTMLAttributes, useId } from 'react';

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  /** Shown under the input in red, and announced with it (aria-describedby). */
  error?: string | undefined;
  hint?: string | undefined;
};

/** A labelled input with its field error beside it. */
export function TextField({ label, error, hint, className, ...input }: TextFieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`tfield${error ? ' has-error' : ''}`}>
      <label className="tfield__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className={`input tfield__input${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error ? (
        <p className="tfield__error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        hint && (
          <p className="tfield__hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}
