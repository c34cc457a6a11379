import { defineRepositoryContract } from './contract/repositories.contract';
import { openTestDatabase } from './testing';

// One in-memory PGlite for the whole file: starting one costs ~3 s.
defineRepositoryContract('pglite', () => openTestDatabase({ migrate: false }));
