// REST API of workshop sessions. The facilitator (a token with runs:control) opens sessions, starts rounds, reads
// the seats and exports rounds; participants join with the code (public, rate-limited) and then act with the seat
// token they were given (seat:decide): their own requests, their own decisions. Thin: WorkshopSessions validates.
import { Body, Controller, Get, Headers, HttpCode, HttpException, Param, ParseIntPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { bearerToken, WorkshopSessions, type Principal } from '@silolab/orchestration';
import { Requires } from '../access/requires.decorator';

/** Joins per address per minute (a room behind one NAT joins from one address), and decisions per address. */
const JOINS_PER_MINUTE = 200;
const DECISIONS_PER_MINUTE = 20_000;

@ApiTags('workshop')
@Controller('api')
export class SessionsController {
  constructor(private readonly sessions: WorkshopSessions) {}

  @Requires('runs:control')
  @ApiBearerAuth()
  @Post('sessions')
  @ApiOperation({ summary: 'Open a workshop session: preset or scenario, copies, secondsPerTick; answers its join code' })
  open(@Body() body: unknown) {
    return this.sessions.open(body);
  }

  @Requires('runs:read')
  @Get('sessions/:code')
  @ApiOperation({ summary: 'Seats (connected, answered) and rounds of a session' })
  status(@Param('code') code: string) {
    return this.sessions.status(code);
  }

  @Requires('runs:control')
  @ApiBearerAuth()
  @Post('sessions/:code/rounds')
  @ApiOperation({ summary: 'Start the next round: one run per copy, with optional lever values ({ set: { path: value } })' })
  startRound(@Param('code') code: string, @Body() body: unknown) {
    return this.sessions.startRound(code, body);
  }

  @Requires('runs:control')
  @ApiBearerAuth()
  @Post('sessions/:code/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session: its running round stops and nobody new can join' })
  end(@Param('code') code: string) {
    return this.sessions.end(code);
  }

  @Requires('runs:read')
  @Get('sessions/:code/rounds/:round/copies/:copy/export')
  @ApiOperation({ summary: 'A round of one copy as a scenario with its recorded levers and decisions (silolab run replays it)' })
  exportRound(@Param('code') code: string, @Param('round', ParseIntPipe) round: number, @Param('copy', ParseIntPipe) copy: number) {
    return this.sessions.exportRound(code, round, copy);
  }

  @Requires('public')
  @Throttle({ writes: { limit: JOINS_PER_MINUTE, ttl: 60_000 } })
  @Post('join/:code')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a seat (send the seat token you hold to get your seat back); answers the seat and its token' })
  join(@Param('code') code: string, @Headers('authorization') authorization: string | undefined) {
    return this.sessions.join(code, bearerToken(authorization));
  }

  @Requires('seat:decide')
  @ApiBearerAuth()
  @Get('seat')
  @ApiOperation({ summary: "The open tick's requests to your seat, which you answered, and the time left" })
  seat(@Req() request: { principal?: Principal }) {
    return this.sessions.seatView(request.principal ?? null);
  }

  @Requires('seat:decide')
  @ApiBearerAuth()
  @Throttle({ writes: { limit: DECISIONS_PER_MINUTE, ttl: 60_000 }, requests: { limit: DECISIONS_PER_MINUTE, ttl: 60_000 } })
  @Post('seat/decisions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Share or refuse (unwilling / unable / afraid) one of your requests, once, before the timer' })
  async decide(@Req() request: { principal?: Principal }, @Body() body: unknown) {
    const refusal = await this.sessions.answer(request.principal ?? null, body);
    if (refusal) throw new HttpException({ statusCode: refusal.status, error: 'Refused', code: 'SEAT_REFUSED', reason: refusal.code, message: refusal.message }, refusal.status);
    return { accepted: true };
  }
}
