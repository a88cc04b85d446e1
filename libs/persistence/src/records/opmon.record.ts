// A run's operational-monitoring records as plain data (the shape @silolab/exchange's OpmonRecord assembles).

/** One exchange as one party handled it: times in epoch ms, sizes in bytes (see docs/monitoring.md, "Opmon"). */
export interface OpmonRecordData {
  tick: number;
  ordinal: number;
  requestId: string;
  requester: string;
  owner: string;
  party: string;
  role: 'orchestrator' | 'requester' | 'owner' | 'hub';
  protocol: string;
  delivery: 'message' | 'tick';
  requestInAt: number | null;
  requestOutAt: number | null;
  responseInAt: number | null;
  responseOutAt: number | null;
  requestBytes: number | null;
  responseBytes: number | null;
  messages: number;
  faultCode: string | null;
}

/** A run's stored opmon: its records and what its caps left out. */
export interface StoredOpmon {
  records: OpmonRecordData[];
  /** Exchanges of the run past the cap, without records. */
  exchangesNotKept: number;
  /** Messages the services handled but did not record. */
  messagesNotKept: number;
}
