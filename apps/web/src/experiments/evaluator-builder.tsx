import {
  defaultJudgeModel,
  EVALUATOR_KINDS,
  type EvaluatorDraft,
  type EvaluatorKind,
  type JudgeProvider,
  kindLabel,
  newEvaluatorDraft,
} from './evaluator-form';

/** The evaluators of an experiment: add any of the six kinds, set each one up, remove it. */
export function EvaluatorBuilder({
  drafts,
  onChange,
  errors,
}: {
  drafts: EvaluatorDraft[];
  onChange: (drafts: EvaluatorDraft[]) => void;
  errors: Record<string, string>;
}) {
  const update = (id: string, patch: Partial<EvaluatorDraft>) =>
    onChange(drafts.map((draft) => (draft.id === id ? { ...draft, ...patch } : draft)));
  const add = (kind: EvaluatorKind) =>
    onChange([
      ...drafts,
      newEvaluatorDraft(
        kind,
        drafts.map((draft) => draft.id),
      ),
    ]);
  return (
    <div className="evaluators">
      {drafts.length === 0 && (
        <p className="evaluators__empty muted">
          No evaluators: a trial passes when its run succeeds. Add one to judge the outputs.
        </p>
      )}
      {drafts.map((draft) => (
        <fieldset key={draft.id} className="evaluator" aria-label={`${kindLabel(draft.kind)} evaluator`}>
          <div className="evaluator__head">
            <span className={`evaluator__kind evaluator__kind--${draft.kind}`}>{kindLabel(draft.kind)}</span>
            <input
              className="input input--compact"
              placeholder="Name (optional)"
              aria-label="Evaluator name"
              value={draft.name}
              onChange={(event) => update(draft.id, { name: event.target.value })}
            />
            <input
              className="input input--compact evaluator__field"
              placeholder="Output key (all)"
              aria-label="Output to judge"
              title="Which output to judge; empty: the only output, or all of them"
              value={draft.field}
              onChange={(event) => update(draft.id, { field: event.target.value })}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${kindLabel(draft.kind)} evaluator`}
              onClick={() => onChange(drafts.filter((each) => each.id !== draft.id))}
            >
              ×
            </button>
          </div>
          <EvaluatorFields draft={draft} update={(patch) => update(draft.id, patch)} />
          {errors[draft.id] && <p className="tfield__error">{errors[draft.id]}</p>}
        </fieldset>
      ))}
      <div className="evaluators__add">
        {EVALUATOR_KINDS.map((each) => (
          <button
            key={each.kind}
            type="button"
            className="chip-button evaluators__chip"
            title={each.hint}
            onClick={() => add(each.kind)}
          >
            + {each.label}
          </button>
        ))}
      </div>
    </div>
  );
}

function Check({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <label className="evaluator__check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

function EvaluatorFields({
  draft,
  update,
}: {
  draft: EvaluatorDraft;
  update: (patch: Partial<EvaluatorDraft>) => void;
}) {
  switch (draft.kind) {
    case 'exact':
      return (
        <div className="evaluator__row">
          <span className="muted">Output equals the row’s expected output.</span>
          <Check
            label="Case-sensitive"
            checked={draft.caseSensitive}
            onChange={(caseSensitive) => update({ caseSensitive })}
          />
          <Check label="Trim whitespace" checked={draft.trim} onChange={(trim) => update({ trim })} />
        </div>
      );
    case 'contains':
      return (
        <div className="evaluator__row">
          <input
            className="input input--compact"
            placeholder="Text to find (empty: the expected output)"
            aria-label="Text the output should contain"
            value={draft.value}
            onChange={(event) => update({ value: event.target.value })}
          />
          <Check
            label="Case-sensitive"
            checked={draft.caseSensitive}
            onChange={(caseSensitive) => update({ caseSensitive })}
          />
        </div>
      );
    case 'regex':
      return (
        <div className="evaluator__row">
          <span className="evaluator__slash">/</span>
          <input
            className="input input--compact input--mono"
            placeholder="^\\d+$"
            aria-label="Pattern"
            value={draft.pattern}
            onChange={(event) => update({ pattern: event.target.value })}
          />
          <span className="evaluator__slash">/</span>
          <input
            className="input input--compact input--mono evaluator__flags"
            placeholder="flags"
            aria-label="Flags"
            value={draft.flags}
            onChange={(event) => update({ flags: event.target.value })}
          />
        </div>
      );
    case 'jsonSchema':
      return (
        <textarea
          className="input input--mono evaluator__area"
          aria-label="JSON schema"
          rows={4}
          value={draft.schemaText}
          onChange={(event) => update({ schemaText: event.target.value })}
        />
      );
    case 'numeric':
      return (
        <div className="evaluator__row">
          <span className="muted">Within</span>
          <input
            className="input input--compact evaluator__number"
            inputMode="decimal"
            aria-label="Tolerance"
            value={draft.tolerance}
            onChange={(event) => update({ tolerance: event.target.value })}
          />
          <Check
            label="Relative (fraction of expected)"
            checked={draft.relative}
            onChange={(relative) => update({ relative })}
          />
        </div>
      );
    case 'llmJudge':
      return (
        <div className="evaluator__judge">
          <div className="evaluator__row">
            <select
              className="input input--compact select"
              aria-label="Judge provider"
              value={draft.provider}
              onChange={(event) => {
                const provider = event.target.value as JudgeProvider;
                update({ provider, model: defaultJudgeModel(provider) });
              }}
            >
              <option value="openai">OpenAI</option>
              <option value="anthropic">Anthropic</option>
              <option value="openai-compatible">OpenAI-compatible</option>
              <option value="mock">Mock (offline)</option>
            </select>
            <input
              className="input input--compact"
              placeholder="Model"
              aria-label="Judge model"
              value={draft.model}
              onChange={(event) => update({ model: event.target.value })}
            />
            <select
              className="input input--compact select"
              aria-label="Judge answers with"
              value={draft.mode}
              onChange={(event) => update({ mode: event.target.value as 'score' | 'passFail' })}
            >
              <option value="score">Score 0–1</option>
              <option value="passFail">Pass / fail</option>
            </select>
            {draft.mode === 'score' && (
              <label className="evaluator__inline">
                pass at ≥
                <input
                  className="input input--compact evaluator__number"
                  inputMode="decimal"
                  aria-label="Pass threshold"
                  value={draft.passThreshold}
                  onChange={(event) => update({ passThreshold: event.target.value })}
                />
              </label>
            )}
          </div>
          <textarea
            className="input evaluator__area"
            aria-label="Judge prompt"
            rows={5}
            value={draft.prompt}
            onChange={(event) => update({ prompt: event.target.value })}
          />
          <span className="evaluator__hint muted">
            Placeholders: <code>{'{{input}}'}</code> <code>{'{{output}}'}</code> <code>{'{{expected}}'}</code>
          </span>
        </div>
      );
  }
}
