import { type FieldEntry, firstIssue } from './describe-schema';
import { FieldFrame } from './field-frame';
import { useDraft } from './use-draft';

export type FieldProps = {
  id: string;
  entry: FieldEntry;
  value: unknown;
  readOnly: boolean;
  problems?: readonly string[];
  /** Writes a parsed value to the doc. */
  onCommit: (value: unknown) => void;
};

/** Validates with the field's schema; commits when valid, otherwise keeps the draft and shows the message. */
function validateAndCommit(
  entry: FieldEntry,
  value: unknown,
  onCommit: (value: unknown) => void,
  setError: (error: string | null) => void,
) {
  const result = entry.schema.safeParse(value);
  const error = firstIssue(result);
  setError(error);
  if (result.success) onCommit(result.data);
}

export function StringField({ id, entry, value, readOnly, problems, onCommit }: FieldProps) {
  const text = typeof value === 'string' ? value : '';
  const { draft, setDraft, error, setError } = useDraft(text, text);
  return (
    <FieldFrame id={id} label={entry.label} error={error} problems={problems}>
      <input
        id={id}
        className="input"
        value={draft}
        readOnly={readOnly}
        aria-invalid={error !== null}
        onChange={(event) => {
          setDraft(event.target.value);
          validateAndCommit(entry, event.target.value, onCommit, setError);
        }}
      />
    </FieldFrame>
  );
}

export function NumberField({ id, entry, value, readOnly, problems, onCommit }: FieldProps) {
  const spec = entry.spec.kind === 'number' ? entry.spec : null;
  const text = typeof value === 'number' ? String(value) : '';
  const { draft, setDraft, error, setError } = useDraft(text, text);
  return (
    <FieldFrame id={id} label={entry.label} error={error} problems={problems}>
      <input
        id={id}
        className="input input--number"
        type="number"
        inputMode={spec?.integer ? 'numeric' : 'decimal'}
        min={spec?.min ?? undefined}
        max={spec?.max ?? undefined}
        step={spec?.integer ? 1 : 'any'}
        value={draft}
        readOnly={readOnly}
        aria-invalid={error !== null}
        onChange={(event) => {
          const raw = event.target.value;
          setDraft(raw);
          if (raw.trim() === '' || !Number.isFinite(Number(raw))) {
            setError('Enter a number.');
            return;
          }
          validateAndCommit(entry, Number(raw), onCommit, setError);
        }}
      />
    </FieldFrame>
  );
}

export function BooleanField({ id, entry, value, readOnly, problems, onCommit }: FieldProps) {
  return (
    <FieldFrame id={id} label={entry.label} error={null} problems={problems} inline>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        aria-checked={value === true}
        checked={value === true}
        disabled={readOnly}
        onChange={(event) => onCommit(event.target.checked)}
      />
    </FieldFrame>
  );
}

export function EnumField({ id, entry, value, readOnly, problems, onCommit }: FieldProps) {
  const options = entry.spec.kind === 'enum' ? entry.spec.options : [];
  const current = typeof value === 'string' ? value : '';
  return (
    <FieldFrame id={id} label={entry.label} error={null} problems={problems}>
      <select
        id={id}
        className="input select"
        value={current}
        disabled={readOnly}
        onChange={(event) => onCommit(event.target.value)}
      >
        {!options.includes(current) && <option value={current}>{current || '—'}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
