import type { NodeType } from '@tandem/workflow';

/** 16×16 stroke icons, one per node type (paths drawn on a 24-unit grid). */
const PATHS: Record<NodeType | 'unknown', string> = {
  input: 'M3 12h11M10 7l5 5-5 5M15 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4',
  llm: 'M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9zM19 16l.8 2.2L22 19l-2.2.8L19 22l-.8-2.2L16 19l2.2-.8z',
  template:
    'M8 4H6a2 2 0 0 0-2 2v4l-2 2 2 2v4a2 2 0 0 0 2 2h2M16 4h2a2 2 0 0 1 2 2v4l2 2-2 2v4a2 2 0 0 1-2 2h-2',
  condition: 'M6 3v6a3 3 0 0 0 3 3h9M18 12l-3-3M18 12l-3 3M6 21v-6a3 3 0 0 1 3-3',
  http: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.7 3.5 5.7 3.5 9s-1 6.3-3.5 9c-2.5-2.7-3.5-5.7-3.5-9s1-6.3 3.5-9z',
  code: 'M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
  merge: 'M6 3v4a5 5 0 0 0 5 5h2a5 5 0 0 1 5 5v4M18 3v4a5 5 0 0 1-5 5M12 12v0',
  output: 'M10 12h11M17 7l5 5-5 5M9 4H5a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h4',
  unknown: 'M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
};

export function NodeIcon({ type }: { type: NodeType | 'unknown' }) {
  return (
    <svg
      className="tnode__icon"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[type]} />
    </svg>
  );
}
