import { useEffect } from 'react';
import { navigate } from './history';

/** Replaces the current entry with `to` once rendered (guards and defaults). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
