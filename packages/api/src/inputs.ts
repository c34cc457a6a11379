import { roleEnum } from '@tandem/db';
import { z } from 'zod';

// Shared input fields, with messages a form can show beside the field.

export const idInput = z.uuid({ error: 'Not a valid id.' });

export const emailInput = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address.' }));

/** NIST SP 800-63B / OWASP: at least 8 characters, long passphrases welcome, no composition rules. */
export const newPasswordInput = z
  .string()
  .min(8, 'Use at least 8 characters.')
  .max(256, 'Use at most 256 characters.');

/** A password being checked (login, current password): any length within bounds, no policy. */
export const passwordInput = z
  .string()
  .min(1, 'Enter your password.')
  .max(256, 'Use at most 256 characters.');

export const personNameInput = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Use at most 80 characters.');

export const workspaceNameInput = z
  .string()
  .trim()
  .min(1, 'Give the workspace a name.')
  .max(80, 'Use at most 80 characters.');

export const workflowNameInput = z
  .string()
  .trim()
  .min(1, 'Give the workflow a name.')
  .max(120, 'Use at most 120 characters.');

export const roleInput = z.enum(roleEnum.enumValues, { error: 'Choose owner, editor or viewer.' });
