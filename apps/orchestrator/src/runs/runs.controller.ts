// REST API of runs: start, list, read, control (pause, resume, step, stop, pace, levers), world, metrics, ledger heads
// and records.
// Thin by design: every body and query goes to the RunManager as it came, which validates it.
import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RunManager } from '@silolab/orchestration';
import { Requires } from '../access/requires.decorator';
import { ERROR_RESPONSE, LEVER_BODY, PACE_BODY, RUN_RESPONSE, START_RUN_BODY } from './run.schemas';

const runId = ApiParam({ name: 'id', description: 'run id' });
const notFound = ApiResponse({ status: 404, description: 'no run with this id', schema: ERROR_RESPONSE });
const conflict = ApiResponse({ status: 409, description: 'the run is not in a state that allows this', schema: ERROR_RESPONSE });
const badRequest = ApiResponse({ status: 400, description: 'invalid body or query; `issues` names every bad field', schema: ERROR_RESPONSE });
const unauthorized = ApiResponse({ status: 401, description: 'no valid `Authorization: Bearer <token>`', schema: ERROR_RESPONSE });
const unsupported = ApiResponse({ status: 415, description: 'the body is not JSON', schema: ERROR_RESPONSE });
/** A state-changing route: needs the token, takes JSON. */
const control = () => applyDecorators(Requires('runs:control'), ApiBearerAuth(), unauthorized, unsupported);

// Reads need `runs:read` (open on loopback); every POST needs `runs:control`.
@ApiTags('runs')
@Requires('runs:read')
@Controller('api/runs')
export class RunsController {
  constructor(private readonly runs: RunManager) {}

  @control()
  @Post()
  @ApiOperation({ summary: 'Start a run from a preset or an inline scenario (YAML / JSON text, or an object)' })
  @ApiBody({ schema: START_RUN_BODY })
  @ApiResponse({ status: 201, schema: RUN_RESPONSE })
  @badRequest
  start(@Body() body: unknown) {
    return this.runs.start(body);
  }

  @Get()
  @ApiOperation({ summary: 'Stored runs, newest first' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiQuery({ name: 'status', required: false, enum: ['running', 'completed', 'failed', 'paused'] })
  @ApiResponse({ status: 200, schema: { type: 'array', items: RUN_RESPONSE } })
  @badRequest
  list(@Query() query: Record<string, unknown>) {
    return this.runs.list(query);
  }

  @Get(':id')
  @runId
  @ApiResponse({ status: 200, schema: RUN_RESPONSE })
  @notFound
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @control()
  @Post(':id/pause')
  @HttpCode(200)
  @runId
  @ApiOperation({ summary: 'Pause the clock after the tick in progress' })
  @notFound
  @conflict
  pause(@Param('id') id: string) {
    return this.runs.pause(id);
  }

  @control()
  @Post(':id/resume')
  @HttpCode(200)
  @runId
  @notFound
  @conflict
  resume(@Param('id') id: string) {
    return this.runs.resume(id);
  }

  @control()
  @Post(':id/step')
  @HttpCode(200)
  @runId
  @ApiOperation({ summary: 'Run one tick of a paused run; returns its tick event' })
  @notFound
  @conflict
  step(@Param('id') id: string) {
    return this.runs.step(id);
  }

  @control()
  @Post(':id/stop')
  @HttpCode(200)
  @runId
  @ApiOperation({ summary: 'End the run now (stored as failed: "stopped by request after N of M ticks")' })
  @notFound
  @conflict
  stop(@Param('id') id: string) {
    return this.runs.stop(id);
  }

  @control()
  @Post(':id/levers')
  @HttpCode(200)
  @runId
  @ApiOperation({ summary: 'Change a lever (dotted scenario path) from the next tick on' })
  @ApiBody({ schema: LEVER_BODY })
  @badRequest
  @notFound
  @conflict
  setLever(@Param('id') id: string, @Body() body: unknown) {
    return this.runs.setLever(id, body);
  }

  @control()
  @Post(':id/pace')
  @HttpCode(200)
  @runId
  @ApiOperation({ summary: 'Change the pace (ticks per second; 0 = as fast as possible)' })
  @ApiBody({ schema: PACE_BODY })
  @badRequest
  @notFound
  @conflict
  setPace(@Param('id') id: string, @Body() body: unknown) {
    return this.runs.setPace(id, body);
  }

  @Get(':id/world')
  @runId
  @ApiOperation({ summary: "The run's systems, regions, departments and datasets, indexed as in its tick events" })
  @notFound
  world(@Param('id') id: string) {
    return this.runs.world(id);
  }

  @Get(':id/ticks/latest')
  @runId
  @ApiOperation({ summary: 'The last tick event of a run this orchestrator drives (network ties, communities, notable events); null if it holds none' })
  @notFound
  latestTick(@Param('id') id: string) {
    return this.runs.latestTick(id);
  }

  @Get(':id/metrics')
  @runId
  @ApiOperation({ summary: 'Stored per-tick metrics, ticks from..to inclusive' })
  @ApiQuery({ name: 'from', required: false, type: Number })
  @ApiQuery({ name: 'to', required: false, type: Number })
  @badRequest
  @notFound
  metrics(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.runs.metrics(id, query);
  }

  @Get(':id/ledger-heads')
  @runId
  @ApiOperation({ summary: 'Stored ledger chain heads, one per tick' })
  @notFound
  ledgerHeads(@Param('id') id: string) {
    return this.runs.ledgerHeads(id);
  }

  @Get(':id/ledger')
  @runId
  @ApiOperation({ summary: 'Stored ledger records (runs started with storeLedger), in chain order from fromSeq' })
  @ApiQuery({ name: 'fromSeq', required: false, type: Number })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: 'at most 10000; default 1000' })
  @badRequest
  @notFound
  ledger(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.runs.ledger(id, query);
  }
}
