// Injection token of the orchestrator's ApiAccess (the access rules decided at start-up).

/** Provides the `ApiAccess` the guard, the docs and the WebSocket handshake ask. */
export const API_ACCESS = Symbol('silolab.orchestrator.access');
