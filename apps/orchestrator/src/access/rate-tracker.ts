// Who a request counts against in the rate limits: a participant's seat, or the caller's address.
import type { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { bearerToken, type ApiAccess } from '@silolab/orchestration';

/**
 * Requests carrying a seat token count against that seat; all others against their address. A workshop room behind
 * one NAT reaches the server from one address, so counting seats' polls and decisions per address would let a few
 * phones use up the whole room's budget. A forged or unknown token is no seat, so it still counts against its address.
 */
export function rateTracker(access: ApiAccess): ThrottlerGetTrackerFunction {
  return (request: Record<string, any>) => {
    const seat = access.principalOf(bearerToken(request.headers?.authorization))?.seat;
    if (seat) return `seat:${seat.session}:${seat.copy}:${seat.department}`;
    const ips = request.ips as string[] | undefined;
    return ips && ips.length > 0 ? ips[0] : String(request.ip);
  };
}
