import type { InputField } from '@tandem/workflow';
import { useState } from 'react';
import { Modal } from '../ui/modal';
import { emptyDraft, type InputDraft, parseInputs } from './run-inputs';

/**
 * The Run dialog: one control per field the input nodes declare (text, number, checkbox, JSON), checked
 * against the declared types before `runs.start`; the server checks again and its field errors land here.
 */
export function RunForm({
  fields,
  onStart,
  onClose,
}: {
  fields: readonly InputField[];
  /** Resolves with field errors from the server (empty when the run started). */
  onStart: (inputs: Record<string, unknown>) => Promise<Record<string, string>>;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<InputDraft>(() => emptyDraft(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const parsed = parseInputs(fields, draft);
    setErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) return;
    setBusy(true);
    try {
      const serverErrors = await onStart(parsed.inputs);
      setErrors(serverErrors);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Run the draft"
      onClose={onClose}
      width={520}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="run-form" className="button button--primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start run'}
          </button>
        </>
      }
    >
      <form
        id="run-form"
        className="run-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="run-form__hint">
          The draft is saved as a version first (or the newest identical version is reused), so the run names
          exactly what it executed.
        </p>
        {fields.length === 0 && <p className="run-form__hint">The input node declares no fields.</p>}
        {fields.map((field) => (
          <InputControl
            key={field.name}
            field={field}
            value={draft[field.name] ?? ''}
            error={errors[field.name]}
            onChange={(value) => setDraft((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
        {errors[''] && (
          <p className="field__error" role="alert">
            {errors['']}
          </p>
        )}
      </form>
    </Modal>
  );
}

function InputControl({
  field,
  value,
  error,
  onChange,
}: {
  field: InputField;
  value: string | boolean;
  error: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const id = `run-input-${field.name}`;
  const label = (
    <span className="run-form__label">
      {field.name}
      <span className="run-form__type">{field.type}</span>
      {!field.required && <span className="run-form__optional">optional</span>}
    </span>
  );
  return (
    <div className={`run-form__field${error ? ' has-error' : ''}`}>
      {field.type === 'boolean' ? (
        <label className="run-form__check" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {field.type === 'json' ? (
            <textarea
              id={id}
              className="run-form__json"
              rows={4}
              spellCheck={false}
              value={String(value)}
              placeholder='{"key": "value"}'
              onChange={(event) => onChange(event.target.value)}
            />
          ) : (
            <input
              id={id}
              type={field.type === 'number' ? 'number' : 'text'}
              step="any"
              value={String(value)}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </>
      )}
      {field.description && <span className="run-form__desc">{field.description}</span>}
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
