// REST API of what a session's rounds add up to: the leaderboard (facilitator and projector; each participant their
// own rank), the debrief and a round's ticks for the replay. Read-only; WorkshopReports computes.
import { Controller, Get, Param, ParseIntPipe, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkshopReports, type Principal } from '@silolab/orchestration';
import { Requires } from '../access/requires.decorator';

@ApiTags('workshop')
@Controller('api')
export class ReportsController {
  constructor(private readonly reports: WorkshopReports) {}

  @Requires('runs:read')
  @Get('sessions/:code/scores')
  @ApiOperation({ summary: "The latest round's leaderboard: each seat's points less penalties, ranked, and each copy's total" })
  latestScores(@Param('code') code: string) {
    return this.reports.scores(code);
  }

  @Requires('runs:read')
  @Get('sessions/:code/rounds/:round/scores')
  @ApiOperation({ summary: "A round's leaderboard" })
  scores(@Param('code') code: string, @Param('round', ParseIntPipe) round: number) {
    return this.reports.scores(code, round);
  }

  @Requires('runs:read')
  @Get('sessions/:code/debrief')
  @ApiOperation({ summary: 'Every round and copy side by side (sharing, silo index, refusals by reason, service completion) with the moments that mattered' })
  debrief(@Param('code') code: string) {
    return this.reports.debrief(code);
  }

  @Requires('runs:read')
  @Get('sessions/:code/rounds/:round/copies/:copy/ticks')
  @ApiOperation({ summary: 'Every tick of one copy of a round (network, metrics, events), replayed from its export' })
  ticks(@Param('code') code: string, @Param('round', ParseIntPipe) round: number, @Param('copy', ParseIntPipe) copy: number) {
    return this.reports.replayTicks(code, round, copy);
  }

  @Requires('seat:decide')
  @ApiBearerAuth()
  @Get('seat/score')
  @ApiOperation({ summary: "Your seat's points and rank in the latest round" })
  ownScore(@Req() request: { principal?: Principal }) {
    return this.reports.ownScore(request.principal ?? null);
  }
}
