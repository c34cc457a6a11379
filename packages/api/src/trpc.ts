import { initTRPC, TRPCError } from '@trpc/server';
import type { ApiContext } from './context';
import { describeError } from './errors';

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const described = describeError(error);
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

export const router = t.router;
export const publicProcedure = t.procedure.use(typedErrors);
export const createCallerFactory = t.createCallerFactory;
