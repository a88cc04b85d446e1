// What a route needs: `@Requires('runs:read')`, `@Requires('runs:control')`, or `@Requires('public')` (health).
import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@silolab/orchestration';

/** Metadata key read by {@link AccessGuard}. */
export const REQUIRES = 'silolab:requires';

/** Declares the permission a controller or route needs. Routes without it need `runs:read` (GET) or `runs:control`. */
export const Requires = (permission: Permission | 'public') => SetMetadata(REQUIRES, permission);
