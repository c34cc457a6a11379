import { CopyButton } from '../../ui/copy-button';

/** A value shown exactly once (a new API key, an invitation link), with a copy button and a warning. */
export function SecretReveal({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <section className="secret" aria-label={label}>
      <div className="secret__row">
        <code className="secret__value" data-testid="secret-value">
          {value}
        </code>
        <CopyButton text={value} />
      </div>
      <p className="secret__note">{note}</p>
    </section>
  );
}
