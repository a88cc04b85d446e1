// The shape of a W3C PROV-JSON document, as far as the ledger export uses it.

/** A typed PROV-JSON literal, e.g. `{ $: 'silolab:Dataset', type: 'prov:QUALIFIED_NAME' }`. */
export interface ProvTypedValue {
  $: string;
  type: string;
}

/** An attribute value: JSON strings, numbers and booleans map to xsd:string, xsd numbers and xsd:boolean. */
export type ProvValue = string | number | boolean | ProvTypedValue;

/** The attributes of one element or relation, keyed by qualified name (`prov:type`, `silolab:reason`, …). */
export type ProvAttributes = Record<string, ProvValue>;

/** Elements or relations by their id. */
export type ProvRecords = Record<string, ProvAttributes>;

/**
 * A PROV-JSON document (https://www.w3.org/submissions/prov-json/). Every section is present, possibly empty;
 * ids within a section are sorted.
 */
export interface ProvDocument {
  prefix: Record<string, string>;
  entity: ProvRecords;
  activity: ProvRecords;
  agent: ProvRecords;
  used: ProvRecords;
  wasGeneratedBy: ProvRecords;
  wasDerivedFrom: ProvRecords;
  wasAssociatedWith: ProvRecords;
  wasAttributedTo: ProvRecords;
  wasInformedBy: ProvRecords;
}
