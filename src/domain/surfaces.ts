import { z } from 'zod';

/** Where an action came from: a chat surface, the HTTP API, the command line or the system itself. */
export const surfaceSchema = z.enum(['slack', 'teams', 'http', 'cli', 'system']);
export type Surface = z.infer<typeof surfaceSchema>;
