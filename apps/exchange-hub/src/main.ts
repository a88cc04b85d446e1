// The exchange hub process: consumes the `hub` inbox of one run (env: REDIS_URL, SILOLAB_RUN, SILOLAB_RUN_SECRET).
import { HUB_IDENTITY, HubEndpoint } from '@silolab/exchange';
import { runService } from '@silolab/exchange-service';
import { HubModule } from './hub.module';

runService('exchange-hub', () => ({
  name: 'exchange-hub',
  module: HubModule,
  identities: [HUB_IDENTITY],
  // Queue wait and handling time of every message, reported with the tick's closing.
  onHandled: (app) => {
    const hub = app.get(HubEndpoint);
    return (handled) => hub.recordHandled(handled);
  },
}));
