import { type FormEvent, useState } from 'react';
import { useQuery } from '../../app/use-query';
import { type CredentialView, trpc, type WorkspaceView } from '../../trpc/client';
import { type ApiProblem, describeApiError, fieldErrors } from '../../trpc/errors';
import { FormAlert } from '../../ui/form-alert';
import { relativeTime } from '../../ui/relative-time';
import { TextField } from '../../ui/text-field';
import { useNotify } from '../../ui/toast-context';

type Provider = CredentialView['provider'];

const PROVIDERS: { value: Provider; label: string }[] = [
  { value: 'openai', label: 'OpenAI' },
  { value: 'anthropic', label: 'Anthropic' },
  { value: 'openai-compatible', label: 'OpenAI-compatible (Ollama, LM Studio, vLLM)' },
];

const providerLabel = (provider: Provider) =>
  PROVIDERS.find((entry) => entry.value === provider)?.label.split(' (')[0] ?? provider;

/**
 * Provider keys for runs. A key is sent once and never shown back: the list says provider, base URL and last
 * four. Editors see the list; owners set and delete.
 */
export function CredentialsSection({ workspace }: { workspace: WorkspaceView }) {
  const notify = useNotify();
  const isOwner = workspace.role === 'owner';
  const list = useQuery(() => trpc.credentials.list.query({ workspaceId: workspace.id }), [workspace.id]);
  const [provider, setProvider] = useState<Provider>('openai');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem?.issues ?? []);
  const needsBaseUrl = provider === 'openai-compatible';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const saved = await trpc.credentials.set.mutate({
        workspaceId: workspace.id,
        provider,
        apiKey,
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
      });
      list.setData((current) => [saved, ...(current ?? []).filter((c) => c.id !== saved.id)]);
      // The key leaves the page as soon as it is stored.
      setApiKey('');
      setBaseUrl('');
      notify(`${providerLabel(saved.provider)} key saved.`, 'ok');
    } catch (error) {
      setProblem(describeApiError(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (credential: CredentialView) => {
    try {
      await trpc.credentials.delete.mutate({ credentialId: credential.id });
      list.setData((current) => current?.filter((c) => c.id !== credential.id));
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="credentials-title">
      <header className="settings-section__head">
        <h2 id="credentials-title">Model providers</h2>
        <p>Keys the workspace’s runs use. Stored encrypted; nobody can read one back, not even owners.</p>
      </header>
      {isOwner && (
        <form className="cred-form" onSubmit={save} noValidate>
          <div className="tfield">
            <label className="tfield__label" htmlFor="cred-provider">
              Provider
            </label>
            <select
              id="cred-provider"
              className="input select"
              value={provider}
              onChange={(event) => {
                const next = PROVIDERS.find((entry) => entry.value === event.target.value);
                if (next) setProvider(next.value);
              }}
            >
              {PROVIDERS.map((entry) => (
                <option key={entry.value} value={entry.value}>
                  {entry.label}
                </option>
              ))}
            </select>
          </div>
          {(needsBaseUrl || baseUrl) && (
            <TextField
              label="Base URL"
              placeholder="http://localhost:11434/v1"
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
              error={errors.baseUrl}
            />
          )}
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            placeholder={needsBaseUrl ? 'Any value if the server needs none' : 'sk-…'}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
            error={errors.apiKey}
          />
          <FormAlert problem={problem} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save key'}
          </button>
        </form>
      )}
      {list.error && !list.data ? (
        <p className="form-alert">{list.error.message}</p>
      ) : !list.data ? (
        <p className="muted">Loading…</p>
      ) : list.data.length === 0 ? (
        <p className="muted">No provider keys yet{isOwner ? '' : ' — an owner can add one'}.</p>
      ) : (
        <ul className="plain-list" aria-label="Provider keys">
          {list.data.map((credential) => (
            <li key={credential.id} className="plain-list__row" data-testid="credential-row">
              <strong>{providerLabel(credential.provider)}</strong>
              <code className="muted">{credential.last4 ? `…${credential.last4}` : 'key set'}</code>
              {credential.baseUrl && <code className="muted">{credential.baseUrl}</code>}
              <span className="muted">updated {relativeTime(credential.updatedAt)}</span>
              {isOwner && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void remove(credential)}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
