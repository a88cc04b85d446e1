// OpenAPI schemas of the run API's bodies, generated from the zod schemas that validate them (one source of truth).
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { leverChangeSchema, paceChangeSchema, startRunSchema } from '@silolab/orchestration';

const openApi = (schema: z.ZodType): SchemaObject => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json as SchemaObject;
};

export const START_RUN_BODY = openApi(startRunSchema);
export const LEVER_BODY = openApi(leverChangeSchema);
export const PACE_BODY = openApi(paceChangeSchema);

/** A run as the API returns it (the stored record plus the live state). */
export const RUN_RESPONSE: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['running', 'paused', 'completed', 'failed'] },
    scenarioName: { type: 'string' },
    scenarioHash: { type: 'string' },
    seed: { type: 'integer' },
    ticks: { type: 'integer' },
    transport: { type: 'string' },
    delivery: { type: 'string', nullable: true },
    digest: { type: 'string', nullable: true },
    ledgerHead: { type: 'string', nullable: true },
    wallTimeMs: { type: 'number', nullable: true },
    error: { type: 'string', nullable: true },
    createdAt: { type: 'string' },
    finishedAt: { type: 'string', nullable: true },
    manifest: { type: 'object' },
    live: { type: 'object', nullable: true, description: 'ticksDone, ticksPerSecond, levers, departments — null unless this process drives the run' },
  },
};

/** The error body of 400 / 404 / 409 answers. */
export const ERROR_RESPONSE: SchemaObject = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    code: { type: 'string', enum: ['INVALID_INPUT', 'RUN_NOT_FOUND', 'INVALID_STATE'] },
    message: { type: 'string' },
    issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};
