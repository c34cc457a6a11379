import { randomUUID } from 'node:crypto';
import { EmailTakenError, type User } from '@tandem/db';
import { UserError } from '@tandem/workflow';
import { z } from 'zod';
import { addressKey } from '../auth/rate-limit';
import { enforceRateLimit } from '../auth/throttle';
import { userColor } from '../auth/user-color';
import type { ApiContext } from '../context';
import { userDto } from '../dto';
import { AuthenticationError } from '../errors';
import { emailInput, newPasswordInput, passwordInput, personNameInput } from '../inputs';
import { authedProcedure, publicProcedure, router } from '../trpc';

const LOGIN_FAILED = 'Email or password is incorrect.';

/** Starts a fresh session (ending the one the request came with, if any) and sends its cookie. */
async function startSession(ctx: ApiContext, userId: string): Promise<void> {
  const { sessions } = ctx.services;
  if (ctx.auth) await sessions.invalidateSession(ctx.auth.session.id);
  const { token, session } = await sessions.createSession(userId, ctx.now);
  ctx.http.setSessionCookie(token, session.expiresAt);
}

export const authRouter = router({
  signup: publicProcedure
    .input(z.object({ email: emailInput, name: personNameInput, password: newPasswordInput }))
    .mutation(async ({ ctx, input }) => {
      const { limits, passwords, repos, logger } = ctx.services;
      enforceRateLimit(ctx, 'signup', [
        [limits.signupPerAddress, addressKey(ctx.clientAddress)],
        [limits.signupPerEmail, input.email],
      ]);
      // Hash first: a taken email then costs the same time as a new one.
      const passwordHash = await passwords.hash(input.password);
      const id = randomUUID();
      let user: User;
      try {
        user = await repos.users.create({
          id,
          email: input.email,
          name: input.name,
          passwordHash,
          color: userColor(id),
        });
      } catch (error) {
        if (!(error instanceof EmailTakenError)) throw error;
        throw new UserError('CONFLICT', 'An account with this email already exists. Log in instead.', [
          { path: 'email', message: 'An account with this email already exists.' },
        ]);
      }
      await startSession(ctx, user.id);
      logger.info('signed up', { userId: user.id, requestId: ctx.requestId });
      return { user: userDto(user) };
    }),

  login: publicProcedure
    .input(z.object({ email: emailInput, password: passwordInput }))
    .mutation(async ({ ctx, input }) => {
      const { limits, passwords, repos, logger } = ctx.services;
      enforceRateLimit(ctx, 'login', [
        [limits.loginPerAddress, addressKey(ctx.clientAddress)],
        [limits.loginPerEmail, input.email],
      ]);
      const user = await repos.users.findByEmail(input.email);
      // An unknown email is checked against a decoy hash: same work, same time, same answer.
      const valid = await passwords.verify(
        user?.passwordHash ?? (await ctx.services.decoyPasswordHash()),
        input.password,
      );
      if (!user || !valid) {
        logger.info('login failed', { address: ctx.clientAddress, requestId: ctx.requestId });
        throw new AuthenticationError(LOGIN_FAILED);
      }
      if (passwords.needsRehash(user.passwordHash)) {
        await repos.users.setPasswordHash(user.id, await passwords.hash(input.password));
      }
      await startSession(ctx, user.id);
      logger.info('logged in', { userId: user.id, requestId: ctx.requestId });
      return { user: userDto(user) };
    }),

  /** Ends this session, or with `everywhere` every session of the account. Harmless when logged out. */
  logout: publicProcedure
    .input(z.object({ everywhere: z.boolean().default(false) }).default({ everywhere: false }))
    .mutation(async ({ ctx, input }) => {
      ctx.http.clearSessionCookie();
      if (!ctx.auth) return { ok: true as const };
      const { sessions, logger } = ctx.services;
      if (input.everywhere) await sessions.invalidateUserSessions(ctx.auth.user.id);
      else await sessions.invalidateSession(ctx.auth.session.id);
      logger.info('logged out', {
        userId: ctx.auth.user.id,
        everywhere: input.everywhere,
        requestId: ctx.requestId,
      });
      return { ok: true as const };
    }),

  /** The signed-in user, or null: the web app asks this first to choose between the app and the login form. */
  me: publicProcedure.query(({ ctx }) => ({ user: ctx.auth ? userDto(ctx.auth.user) : null })),

  /**
   * Changes the password after checking the current one, then ends every session of the account and
   * starts a new one for this browser: a stolen session dies with the old password.
   */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: passwordInput, newPassword: newPasswordInput }))
    .mutation(async ({ ctx, input }) => {
      const { limits, passwords, repos, sessions, logger } = ctx.services;
      const userId = ctx.auth.user.id;
      enforceRateLimit(ctx, 'changePassword', [[limits.passwordPerUser, userId]]);
      const user = await repos.users.findById(userId);
      if (!user || !(await passwords.verify(user.passwordHash, input.currentPassword))) {
        throw new UserError('BAD_REQUEST', 'The current password is not correct.', [
          { path: 'currentPassword', message: 'This is not your current password.' },
        ]);
      }
      if (input.newPassword === input.currentPassword) {
        throw new UserError('BAD_REQUEST', 'Choose a new password different from the current one.', [
          { path: 'newPassword', message: 'This is your current password.' },
        ]);
      }
      await repos.users.setPasswordHash(userId, await passwords.hash(input.newPassword));
      await sessions.invalidateUserSessions(userId);
      const { token, session } = await sessions.createSession(userId, ctx.now);
      ctx.http.setSessionCookie(token, session.expiresAt);
      logger.info('password changed', { userId, requestId: ctx.requestId });
      return { user: userDto(user) };
    }),
});
