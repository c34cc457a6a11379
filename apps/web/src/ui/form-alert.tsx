import { useEffect, useState } from 'react';
import type { ApiProblem } from '../trpc/errors';

/**
 * A form's summary error. A rate limit counts down ("try again in N s") and clears itself at zero; a message
 * whose detail is already beside the fields is not repeated.
 */
export function FormAlert({
  problem,
  hideWhenFieldErrors = true,
}: {
  problem: ApiProblem | null;
  hideWhenFieldErrors?: boolean;
}) {
  const remaining = useCountdown(problem?.retryAfterSeconds ?? null, problem);
  if (!problem) return null;
  if (hideWhenFieldErrors && problem.issues.some((issue) => issue.path !== '')) {
    return null;
  }
  if (problem.retryAfterSeconds !== null) {
    return (
      <p className="form-alert form-alert--warn" role="alert">
        {remaining > 0 ? `Too many attempts — try again in ${remaining} s.` : 'You can try again now.'}
      </p>
    );
  }
  return (
    <p className="form-alert" role="alert">
      {problem.message}
    </p>
  );
}

function useCountdown(seconds: number | null, key: unknown): number {
  const [remaining, setRemaining] = useState(seconds ?? 0);
  useEffect(() => {
    if (seconds === null) return;
    const until = Date.now() + seconds * 1000;
    setRemaining(seconds);
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setRemaining(left);
      if (left === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [seconds, key]);
  return remaining;
}
