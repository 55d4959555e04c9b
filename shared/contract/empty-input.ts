import { z } from 'zod';

/** Input of a channel that takes nothing. An object (not undefined) so it survives JSON. */
export const emptyInput = z.object({}).strict();
