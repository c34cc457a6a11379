import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiContext } from './context';
import { AuthenticationError, describeError } from './errors';

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const described = describeError(error);
    // `data` is rebuilt rather than spread so nothing else (a stack trace in development) reaches a client.
    return {
      ...shape,
      message: described.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        issues: described.issues,
      },
    };
  },
});

/** Gives a thrown `UserError` (or zod error) its own tRPC code, so the HTTP status matches the message. */
const typedErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const described = describeError(result.error);
    if (described.code !== result.error.code) {
      throw new TRPCError({ code: described.code, message: described.message, cause: result.error.cause });
    }
  }
  return result;
});

/** Refuses anonymous callers with UNAUTHORIZED; below it, `ctx.auth` is the signed-in user's session. */
const signedIn = t.middleware(({ ctx, next }) => {
  if (!ctx.auth) throw new AuthenticationError('Please log in to continue.');
  return next({ ctx: { auth: ctx.auth } });
});

export const router = t.router;
export const publicProcedure = t.procedure.use(typedErrors);
export const authedProcedure = publicProcedure.use(signedIn);
export const createCallerFactory = t.createCallerFactory;
