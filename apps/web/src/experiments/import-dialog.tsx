import { type ChangeEvent, type FormEvent, useState } from 'react';
import { trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';
import { Modal } from '../ui/modal';
import { guessFormat } from './dataset-table';

/** Import CSV (header row; an `expected` column is the expected output) or JSON rows, from a file or pasted. */
export function ImportDialog({
  datasetId,
  unsaved,
  onImported,
  onClose,
}: {
  datasetId: string;
  unsaved: boolean;
  onImported: (message: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const content = await file.text();
    setText(content);
    setFileName(file.name);
    setFormat(guessFormat(content, file.name));
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError('Choose a file or paste rows first.');
    setBusy(true);
    setError(null);
    try {
      const { imported, rowCount } = await trpc.datasets.import.mutate({ datasetId, format, text, mode });
      onImported(`Imported ${imported} row${imported === 1 ? '' : 's'}; the dataset has ${rowCount}.`);
    } catch (caught) {
      setError(describeApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Import rows"
      onClose={onClose}
      width={620}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="import-rows" className="button button--primary" disabled={busy}>
            {busy ? 'Importing…' : mode === 'replace' ? 'Replace rows' : 'Append rows'}
          </button>
        </>
      }
    >
      <form id="import-rows" className="new-xp" onSubmit={submit}>
        <div className="import__source">
          <label className="button button--small import__file">
            Choose file…
            <input
              type="file"
              accept=".csv,.json,text/csv,application/json"
              aria-label="File to import"
              onChange={(event) => void pick(event)}
              hidden
            />
          </label>
          <span className="muted">{fileName ?? 'or paste below'}</span>
          <span className="import__spacer" />
          <div className="segmented">
            {(['csv', 'json'] as const).map((each) => (
              <button
                key={each}
                type="button"
                aria-pressed={format === each}
                className={`segmented__item${format === each ? ' is-active' : ''}`}
                onClick={() => setFormat(each)}
              >
                {each.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
        <textarea
          className="input input--mono import__text"
          aria-label="Rows to import"
          rows={9}
          placeholder={
            format === 'csv'
              ? 'question,expected\nWhat is 2+2?,4'
              : '[{ "inputs": { "question": "What is 2+2?" }, "expected": "4" }]'
          }
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setFileName(null);
            if (!fileName && event.target.value.length > 0 && text.length === 0)
              setFormat(guessFormat(event.target.value));
          }}
        />
        <p className="muted import__help">
          {format === 'csv'
            ? 'First line: column names. A column named “expected” is the expected output; every other column is an input.'
            : 'An array of rows, each { "question": …, "expected": … } or { "inputs": {…}, "expected": … }; expected is optional.'}
        </p>
        <div className="import__mode">
          <span className="new-xp__label">Rows</span>
          <div className="segmented">
            <button
              type="button"
              aria-pressed={mode === 'append'}
              className={`segmented__item${mode === 'append' ? ' is-active' : ''}`}
              onClick={() => setMode('append')}
            >
              Append
            </button>
            <button
              type="button"
              aria-pressed={mode === 'replace'}
              className={`segmented__item${mode === 'replace' ? ' is-active' : ''}`}
              onClick={() => setMode('replace')}
            >
              Replace all
            </button>
          </div>
        </div>
        {unsaved && (
          <p className="form-alert form-alert--warn">
            You have unsaved edits: importing reloads the table and drops them.
          </p>
        )}
        {error && (
          <p className="form-alert" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
