// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../app/session';
import { rememberRetryAfter } from '../trpc/retry-after';
import { LoginPage } from './login-page';
import { SignupPage } from './signup-page';

const api = vi.hoisted(() => ({
  login: vi.fn(),
  signup: vi.fn(),
  me: vi.fn(async () => ({ user: null })),
}));

vi.mock('../trpc/client', () => ({
  trpc: {
    auth: {
      me: { query: api.me },
      login: { mutate: api.login },
      signup: { mutate: api.signup },
      logout: { mutate: vi.fn() },
    },
  },
}));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function apiError(code: string, message: string, issues: { path: string; message: string }[] = []) {
  return TRPCClientError.from({ error: { code: -32600, message, data: { code, httpStatus: 400, issues } } });
}

describe('account forms', () => {
  it('shows the api’s field errors beside the fields they name', async () => {
    api.signup.mockRejectedValueOnce(
      apiError('BAD_REQUEST', 'The request is not valid.', [
        { path: 'email', message: 'Enter a valid email address.' },
        { path: 'password', message: 'Use at least 8 characters.' },
      ]),
    );
    render(
      <SessionProvider>
        <SignupPage next={null} />
      </SessionProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'nope');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Enter a valid email address.');
    expect(screen.getByText('Use at least 8 characters.')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
    // The generic summary is not repeated when the fields already say what is wrong.
    expect(screen.queryByText('The request is not valid.')).toBeNull();
  });

  it('says how long to wait after a 429', async () => {
    rememberRetryAfter('42');
    api.login.mockRejectedValueOnce(
      apiError('TOO_MANY_REQUESTS', 'Too many attempts. Please wait 42 seconds.'),
    );
    render(
      <SessionProvider>
        <LoginPage next={null} />
      </SessionProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'whatever1');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts — try again in 42 s.');
  });

  it('shows a wrong password as one message for the form', async () => {
    api.login.mockRejectedValueOnce(apiError('UNAUTHORIZED', 'Email or password is incorrect.'));
    render(
      <SessionProvider>
        <LoginPage next={null} />
      </SessionProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is incorrect.');
  });
});
