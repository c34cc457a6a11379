import type { Problem } from '@tandem/workflow';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { problemKey } from '../canvas/workflow-snapshot';

/** The draft's problem count; opens a list, and picking a problem brings its node into view. */
export function ValidationBadge({ problems }: { problems: readonly Problem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  const store = useStoreApi();
  const count = problems.length;

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);

  if (count === 0) {
    return (
      <div className="validation validation--ok" title="The draft passes validation">
        <span className="validation__dot" />
        Valid
      </div>
    );
  }

  const focus = (nodeId: string) => {
    setOpen(false);
    // Selection goes through onNodesChange like a click would, so the canvas state stays controlled.
    store.getState().addSelectedNodes([nodeId]);
    void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };

  return (
    <div className="validation-wrap" ref={root}>
      <button
        type="button"
        className="validation validation--problems"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="validation__dot" />
        {count} {count === 1 ? 'problem' : 'problems'}
      </button>
      {open && (
        <ul className="validation__list">
          {problems.map((problem) => (
            <li key={problemKey(problem)}>
              <button
                type="button"
                disabled={!problem.nodeId}
                onClick={() => problem.nodeId && focus(problem.nodeId)}
              >
                <span className="validation__code">{problem.code}</span>
                <span>{problem.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
