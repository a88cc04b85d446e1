// Ending the live runs before the application (and its database) shuts down.
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { RunManager } from '@silolab/orchestration';

/** Records every live run as failed while the database is still open: runs cannot outlive this process. */
@Injectable()
export class RunManagerShutdown implements BeforeApplicationShutdown {
  constructor(private readonly runs: RunManager) {}

  beforeApplicationShutdown(): Promise<void> {
    return this.runs.close();
  }
}
