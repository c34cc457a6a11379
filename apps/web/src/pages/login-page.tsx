import { type FormEvent, useState } from 'react';
import { navigate } from '../app/history';
import { Link } from '../app/link';
import { paths } from '../app/routes';
import { useSession } from '../app/session';
import { trpc } from '../trpc/client';
import { type ApiProblem, describeApiError, fieldErrors } from '../trpc/errors';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';
import { AuthLayout } from './auth-layout';

export function LoginPage({ next }: { next: string | null }) {
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const errors = fieldErrors(problem?.issues ?? []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { user } = await trpc.auth.login.mutate({ email, password });
      signedIn(user);
      navigate(next ?? paths.home(), { replace: true });
    } catch (error) {
      setProblem(describeApiError(error));
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Welcome back"
      subtitle={
        next?.startsWith('/invite/') ? 'Log in to accept your invitation.' : 'Log in to your workspaces.'
      }
      footer={
        <>
          New to Tandem? <Link to={paths.signup(next)}>Create an account</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={submit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <FormAlert problem={problem} />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthLayout>
  );
}
