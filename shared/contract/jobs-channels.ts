import { jobIdInputSchema, jobListInputSchema, jobSummarySchema } from '../domain/jobs';
import { z } from 'zod';
import { defineChannels } from './define';

export const jobsChannels = defineChannels({
  'jobs:list': { input: jobListInputSchema, output: z.array(jobSummarySchema) },
  'jobs:cancel': { input: jobIdInputSchema, output: jobSummarySchema },
});
