import { type FormEvent, useState } from 'react';
import { navigate } from '../app/history';
import { Link } from '../app/link';
import { ensurePersonalWorkspace } from '../app/onboarding';
import { paths } from '../app/routes';
import { useSession } from '../app/session';
import { trpc } from '../trpc/client';
import { type ApiProblem, describeApiError, fieldErrors } from '../trpc/errors';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';
import { AuthLayout } from './auth-layout';

export function SignupPage({ next }: { next: string | null }) {
  const { signedIn } = useSession();
  const [name, setName] = useState('');
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
      const { user } = await trpc.auth.signup.mutate({ name, email, password });
      // The personal workspace first: the shell then opens with something in it.
      const workspace = await ensurePersonalWorkspace(trpc, user).catch(() => null);
      signedIn(user);
      navigate(next ?? (workspace ? paths.workspace(workspace.id) : paths.home()), { replace: true });
    } catch (error) {
      setProblem(describeApiError(error));
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Design, run and test agent workflows together."
      footer={
        <>
          Already have an account? <Link to={paths.login(next)}>Log in</Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={submit} noValidate>
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          autoFocus
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          hint="At least 8 characters. A long passphrase is best."
        />
        <FormAlert problem={problem} />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
