import { useEffect, useState } from 'react';
import { firstIssue } from './describe-schema';
import type { FieldProps } from './scalar-fields';

type Pair = { name: string; value: string };

function pairsOf(value: unknown): Pair[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).map(([name, entry]) => ({
    name,
    value: typeof entry === 'string' ? entry : '',
  }));
}

/** A row just added and not yet typed in: neither an error nor written. */
const isBlank = (pair: Pair) => pair.name.trim() === '' && pair.value === '';

/** Why the pairs cannot become a record (a name missing or repeated); null when they can. */
function pairsProblem(pairs: readonly Pair[]): string | null {
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (isBlank(pair)) continue;
    const name = pair.name.trim();
    if (!name) return 'Every entry needs a name.';
    if (seen.has(name.toLowerCase())) return `“${name}” appears twice.`;
    seen.add(name.toLowerCase());
  }
  return null;
}

/** A string → string record (HTTP `headers`) as key/value rows. */
export function RecordField({ id, entry, value, readOnly, problems = [], onCommit }: FieldProps) {
  const key = JSON.stringify(value ?? null);
  const [pairs, setPairs] = useState<Pair[]>(() => pairsOf(value));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (error === null) setPairs(pairsOf(value));
  }, [key]);

  const update = (next: Pair[]) => {
    setPairs(next);
    const problem = pairsProblem(next);
    if (problem) {
      setError(problem);
      return;
    }
    const result = entry.schema.safeParse(
      Object.fromEntries(next.filter((pair) => !isBlank(pair)).map((pair) => [pair.name.trim(), pair.value])),
    );
    setError(firstIssue(result));
    if (result.success) onCommit(result.data);
  };

  return (
    <fieldset className="field rows">
      <legend className="field__label">{entry.label}</legend>
      {pairs.length === 0 && <p className="field__hint">None yet.</p>}
      {pairs.map((pair, index) => (
        <div key={index} className="rows__controls rows__controls--pair">
          <input
            aria-label={`${entry.label} name ${index + 1}`}
            className="input input--compact input--mono"
            placeholder="Name"
            value={pair.name}
            readOnly={readOnly}
            onChange={(event) =>
              update(pairs.map((p, i) => (i === index ? { ...p, name: event.target.value } : p)))
            }
          />
          <input
            aria-label={`${entry.label} value ${index + 1}`}
            className="input input--compact"
            placeholder="Value"
            value={pair.value}
            readOnly={readOnly}
            onChange={(event) =>
              update(pairs.map((p, i) => (i === index ? { ...p, value: event.target.value } : p)))
            }
          />
          {!readOnly && (
            <button
              type="button"
              className="icon-button rows__remove"
              aria-label={`Remove ${pair.name || `entry ${index + 1}`}`}
              title="Remove"
              onClick={() => update(pairs.filter((_, i) => i !== index))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      {!readOnly && (
        <button
          type="button"
          className="ghost-button"
          onClick={() => update([...pairs, { name: '', value: '' }])}
        >
          + Add {entry.key === 'headers' ? 'header' : 'entry'}
        </button>
      )}
      {problems.map((problem) => (
        <p key={problem} className="field__warn">
          {problem}
        </p>
      ))}
    </fieldset>
  );
}
