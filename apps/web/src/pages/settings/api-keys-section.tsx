import { type FormEvent, useState } from 'react';
import { useQuery } from '../../app/use-query';
import { trpc, type WorkspaceView } from '../../trpc/client';
import { describeApiError, fieldErrors } from '../../trpc/errors';
import { relativeTime } from '../../ui/relative-time';
import { useNotify } from '../../ui/toast-context';
import { SecretReveal } from './secret-reveal';

/** Keys for the HTTP trigger: created with the secret shown once, listed by prefix and last four, revoked. */
export function ApiKeysSection({ workspace }: { workspace: WorkspaceView }) {
  const notify = useNotify();
  const keys = useQuery(() => trpc.apiKeys.list.query({ workspaceId: workspace.id }), [workspace.id]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { apiKey, token } = await trpc.apiKeys.create.mutate({ workspaceId: workspace.id, name });
      keys.setData((list) => [apiKey, ...(list ?? [])]);
      setCreated({ name: apiKey.name, token });
      setName('');
      setError(undefined);
    } catch (caught) {
      const problem = describeApiError(caught);
      setError(fieldErrors(problem.issues).name ?? problem.message);
    }
  };

  const revoke = async (apiKeyId: string) => {
    try {
      const revoked = await trpc.apiKeys.revoke.mutate({ apiKeyId });
      keys.setData((list) => list?.map((key) => (key.id === revoked.id ? revoked : key)));
    } catch (caught) {
      notify(describeApiError(caught).message, 'warn');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="keys-title">
      <header className="settings-section__head">
        <h2 id="keys-title">API keys</h2>
        <p>For calling a workflow’s HTTP trigger from your own code.</p>
      </header>
      <form className="inline-create" onSubmit={create} noValidate>
        <input
          className="input"
          placeholder="What uses this key? e.g. support-bot"
          aria-label="API key name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={error ? true : undefined}
        />
        <button type="submit" className="button button--primary">
          Create key
        </button>
        {error && <span className="tfield__error">{error}</span>}
      </form>
      {created && (
        <SecretReveal
          label={`New API key ${created.name}`}
          value={created.token}
          note="Copy it now: this is the only time the key is shown. Only its prefix and last four are kept visible."
        />
      )}
      {keys.error && !keys.data ? (
        <p className="form-alert">{keys.error.message}</p>
      ) : !keys.data ? (
        <p className="muted">Loading keys…</p>
      ) : keys.data.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <ul className="plain-list" aria-label="API keys">
          {keys.data.map((key) => (
            <li key={key.id} className={`plain-list__row${key.revokedAt ? ' is-revoked' : ''}`}>
              <strong>{key.name}</strong>
              <code className="muted">
                tdm_{key.prefix}_…{key.last4}
              </code>
              <span className="muted">
                {key.revokedAt
                  ? `revoked ${relativeTime(key.revokedAt)}`
                  : key.lastUsedAt
                    ? `used ${relativeTime(key.lastUsedAt)}`
                    : 'never used'}
              </span>
              {!key.revokedAt && (
                <button type="button" className="button button--small" onClick={() => void revoke(key.id)}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
