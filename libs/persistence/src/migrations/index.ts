// Every migration, oldest first. Add a new file (never edit a released one) and list it here.
import { InitialSchema1795910400000 } from './1795910400000-initial-schema';

export { InitialSchema1795910400000 };

/** The migrations given to `new DataSource({ migrations })`. */
export const PERSISTENCE_MIGRATIONS = [InitialSchema1795910400000];
