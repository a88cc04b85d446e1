// The presets a run can start from (scenarios/*.yaml).
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { listPresets } from '@silolab/orchestration';
import { Requires } from '../access/requires.decorator';

@ApiTags('scenarios')
@Requires('runs:read')
@Controller('api/scenarios')
export class ScenariosController {
  @Get()
  @ApiOperation({ summary: 'Presets: name, description, departments, ticks, seed' })
  list() {
    return listPresets();
  }
}
